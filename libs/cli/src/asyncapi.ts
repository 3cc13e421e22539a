import { asyncApiDocument } from '@kinerja/contracts';

/** `kinerja asyncapi > asyncapi.json`: the AsyncAPI 3 document of every public topic. */
export async function asyncapiCommand(): Promise<number> {
  process.stdout.write(`${JSON.stringify(asyncApiDocument(), null, 2)}\n`);
  return 0;
}
