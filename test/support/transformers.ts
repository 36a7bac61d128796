// @huggingface/transformers is an optional dependency (package.json): a clone installed without it
// (`npm ci --omit=optional`, or a platform onnxruntime does not support) must still pass its tests,
// so the tests that need the package skip, saying why, instead of failing.

/** Named by a variable, like the embedder does, so type checking never needs the optional package. */
const PACKAGE = '@huggingface/transformers';

/** Why the transformers tests cannot run here, or false when the package loads. */
export async function transformersMissing(): Promise<string | false> {
  try {
    await import(PACKAGE);
    return false;
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND')
      return `the optional package ${PACKAGE} is not installed`;
    throw err;
  }
}
