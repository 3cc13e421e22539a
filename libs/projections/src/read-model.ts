import { Projection } from '@kinerja/domain';
import { EntityTarget, ObjectLiteral } from 'typeorm';

/** A projection bound to the TypeORM entity (table) that holds its rows. */
export interface ReadModel<Row extends ObjectLiteral = ObjectLiteral> {
  readonly projection: Projection<Row, any>;
  /**
   * The entity of the rows. Its single primary column is the row key; every column must round-trip
   * unchanged (`bigint` and `numeric` come back as strings: use a transformer), because a row is
   * evolved sometimes from memory and sometimes from the table. `evolve` must return a new object
   * for a changed row, never change the one it is given: a catch-up or rebuild keeps rows in memory
   * across batches, and a row changed in place would be neither written nor read back.
   */
  readonly entity: EntityTarget<Row>;
}

/**
 * Binds a pure projection (from a `*.projection.ts` file) to its entity:
 * `defineReadModel({ projection: employeeProjection, entity: EmployeeView })`.
 */
export function defineReadModel<Row extends ObjectLiteral>(readModel: {
  projection: Projection<Row, any>;
  entity: EntityTarget<Row>;
}): ReadModel<Row> {
  if (!readModel.projection.name) throw new Error('A projection needs a name');
  if (readModel.projection.handles.length === 0) {
    throw new Error(`Projection ${readModel.projection.name} handles no event type`);
  }
  return { projection: readModel.projection, entity: readModel.entity };
}
