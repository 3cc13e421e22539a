import { Body, Controller, Get, HttpCode, Inject, Param, Post, Put, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { notFound } from '@kinerja/domain';
import { Actor, Clock, CLOCK, CurrentActor, RouteWithBody, ZodValidationPipe } from '@kinerja/platform';
import { NotificationsResponse, NotificationStore, PreferencesResponse } from './notification-store';
import { DELIVERIES, NOTIFICATION_KINDS } from './notification.rules';

const listQuery = z.object({ limit: z.coerce.number().int().min(1).max(100).default(30) }).strict();
const preferencesBody = z
  .object({
    preferences: z
      .array(z.object({ kind: z.enum(NOTIFICATION_KINDS), delivery: z.enum(DELIVERIES).describe('EMAIL each, DIGEST once a day, CONSOLE only') }).strict())
      .min(1)
      .max(NOTIFICATION_KINDS.length),
  })
  .strict();

/**
 * The signed-in person's own notifications and how they are delivered; nobody reads another's
 * (the recipient is always the token's subject), whatever the role.
 */
@ApiTags('notifications')
@Controller('notifications')
export class NotificationsController {
  constructor(
    private readonly store: NotificationStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @ApiOperation({ summary: 'My notifications, the newest first, with the unread count.' })
  @ApiQuery({ name: 'limit', required: false, description: '1-100, default 30' })
  list(@Query(new ZodValidationPipe(listQuery)) query: z.infer<typeof listQuery>, @CurrentActor() actor: Actor): Promise<NotificationsResponse> {
    return this.store.list(actor.id, query.limit);
  }

  @Post('read')
  @HttpCode(204)
  @ApiOperation({ summary: 'Mark all my notifications read.' })
  async readAll(@CurrentActor() actor: Actor): Promise<void> {
    await this.store.markAllRead(actor.id, this.clock.now());
  }

  @Post(':notificationId/read')
  @HttpCode(204)
  @ApiOperation({ summary: 'Mark one of my notifications read.' })
  async read(@Param('notificationId') notificationId: string, @CurrentActor() actor: Actor): Promise<void> {
    if (!(await this.store.markRead(actor.id, notificationId, this.clock.now()))) throw notFound('NOTIFICATION_NOT_FOUND', 'Pemberitahuan tidak ditemukan.');
  }

  @Get('preferences')
  @ApiOperation({ summary: 'How each kind of my notifications is delivered: EMAIL (default), DIGEST (daily) or CONSOLE.' })
  preferences(@CurrentActor() actor: Actor): Promise<PreferencesResponse> {
    return this.store.preferences(actor.id);
  }

  @RouteWithBody(Put('preferences'), 'Choose the delivery of the kinds given; the others keep theirs.', preferencesBody)
  async setPreferences(@Body(new ZodValidationPipe(preferencesBody)) body: z.infer<typeof preferencesBody>, @CurrentActor() actor: Actor): Promise<PreferencesResponse> {
    await this.store.setPreferences(actor.id, body.preferences);
    return this.store.preferences(actor.id);
  }
}
