/**
 * Read models: pure projections (`Projection` from `@kinerja/domain`, in `*.projection.ts` files)
 * bound to TypeORM entities and kept up to date from the event store (docs/design.md §5).
 *
 * ```ts
 * const employees = defineReadModel({ projection: employeeProjection, entity: EmployeeView });
 * const dataSource = await createDataSource({ url, schema: 'work_planning', entities: [EmployeeView], migrations: [CreateEmployeeView1764000000000] });
 * const runner = new ProjectionRunner({ dataSource, store, readModels: [employees], registry });
 * await runner.start();
 * // after a command: answer once the write is readable
 * await runner.waitFor(result.append.position);
 * // shutdown: runner.stop(), then dataSource.destroy()
 * ```
 */
export * from './read-model';
export * from './projection-runner';
export * from './data-source';
export { CHECKPOINTS_TABLE, CreateProjectionCheckpoints1763800000000 } from './checkpoints.migration';
export * from './rebuild';
