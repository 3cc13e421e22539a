/** A command: imperative name, the target id in `data`, the time of the request in `metadata.now` (STYLE §2). */
export interface Command<Type extends string, Data> {
  type: Type;
  data: Data;
  metadata: { now: Date };
}
