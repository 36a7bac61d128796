// Writes a tiny sentence-embedding model directory that transformers.js loads like a real one, so the
// transformers embedder is tested without downloading anything: a BERT-style WordPiece tokenizer
// (tokenizer.json, tokenizer_config.json), config.json, and onnx/model.onnx whose graph is a single
// Gather: token ids → rows of an embedding table, as `last_hidden_state`. The pipeline's mean pooling
// and normalization then happen in transformers.js, exactly as for a real model.
// The ONNX file is protobuf written by hand: only the few fields of ModelProto this graph needs.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const SPECIAL = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'];

export interface TinyModel {
  dir: string;
  vocab: string[];
  dim: number;
  /** Row t is the vector of token t. */
  table: Float32Array;
}

/** Writes the model into `dir` (created) with these words and `dim` dimensions; vectors are seeded. */
export function writeTinyOnnxModel(dir: string, words: readonly string[], dim: number): TinyModel {
  const vocab = [...SPECIAL, ...new Set(words.map((w) => w.toLowerCase()))];
  const table = new Float32Array(vocab.length * dim);
  let seed = 12345;
  for (let i = 0; i < table.length; i++) {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    table[i] = (seed / 2 ** 32) * 2 - 1;
  }
  mkdirSync(join(dir, 'onnx'), { recursive: true });
  writeFileSync(join(dir, 'onnx', 'model.onnx'), onnxGatherModel(table, vocab.length, dim));
  writeFileSync(
    join(dir, 'config.json'),
    JSON.stringify({
      model_type: 'bert',
      architectures: ['BertModel'],
      hidden_size: dim,
      vocab_size: vocab.length,
    }),
  );
  writeFileSync(
    join(dir, 'tokenizer_config.json'),
    JSON.stringify({
      tokenizer_class: 'BertTokenizer',
      do_lower_case: true,
      model_max_length: 128,
      pad_token: '[PAD]',
      unk_token: '[UNK]',
      cls_token: '[CLS]',
      sep_token: '[SEP]',
      mask_token: '[MASK]',
    }),
  );
  writeFileSync(join(dir, 'tokenizer.json'), JSON.stringify(tokenizerJson(vocab)));
  return { dir, vocab, dim, table };
}

function tokenizerJson(vocab: string[]) {
  const ids = Object.fromEntries(vocab.map((w, i) => [w, i]));
  const special = (content: string) => ({
    id: ids[content],
    content,
    single_word: false,
    lstrip: false,
    rstrip: false,
    normalized: false,
    special: true,
  });
  const token = (id: string) => ({ SpecialToken: { id, type_id: 0 } });
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: SPECIAL.map(special),
    normalizer: {
      type: 'BertNormalizer',
      clean_text: true,
      handle_chinese_chars: true,
      strip_accents: null,
      lowercase: true,
    },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [token('[CLS]'), { Sequence: { id: 'A', type_id: 0 } }, token('[SEP]')],
      pair: [
        token('[CLS]'),
        { Sequence: { id: 'A', type_id: 0 } },
        token('[SEP]'),
        { Sequence: { id: 'B', type_id: 1 } },
        token('[SEP]'),
      ],
      special_tokens: Object.fromEntries(
        ['[CLS]', '[SEP]'].map((t) => [t, { id: t, ids: [ids[t]], tokens: [t] }]),
      ),
    },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: {
      type: 'WordPiece',
      unk_token: '[UNK]',
      continuing_subword_prefix: '##',
      max_input_chars_per_word: 100,
      vocab: ids,
    },
  };
}

// --- protobuf, the subset ONNX needs ---------------------------------------------------------------

function varint(n: number | bigint): number[] {
  let v = BigInt(n);
  const out: number[] = [];
  do {
    let byte = Number(v & 0x7fn);
    v >>= 7n;
    if (v > 0n) byte |= 0x80;
    out.push(byte);
  } while (v > 0n);
  return out;
}

const key = (field: number, wire: number) => varint((field << 3) | wire);
const int = (field: number, n: number) => Buffer.from([...key(field, 0), ...varint(n)]);
const bytes = (field: number, b: Uint8Array) =>
  Buffer.concat([Buffer.from([...key(field, 2), ...varint(b.length)]), b]);
const str = (field: number, s: string) => bytes(field, Buffer.from(s, 'utf8'));
const msg = (field: number, ...parts: Buffer[]) => bytes(field, Buffer.concat(parts));

const FLOAT = 1;
const INT64 = 7;

/** TypeProto.Tensor with named (symbolic) or fixed dimensions. */
function tensorType(elemType: number, dims: (string | number)[]): Buffer {
  const shape = dims.map((d) => msg(1, typeof d === 'string' ? str(2, d) : int(1, d)));
  return msg(2, msg(1, int(1, elemType), msg(2, ...shape)));
}

function onnxGatherModel(table: Float32Array, words: number, dim: number): Buffer {
  const initializer = msg(
    5,
    int(1, words),
    int(1, dim),
    int(2, FLOAT),
    str(8, 'embeddings'),
    bytes(9, new Uint8Array(table.buffer)),
  );
  const node = msg(
    1,
    str(1, 'embeddings'),
    str(1, 'input_ids'),
    str(2, 'last_hidden_state'),
    str(3, 'lookup'),
    str(4, 'Gather'),
  );
  const input = msg(11, str(1, 'input_ids'), tensorType(INT64, ['batch', 'sequence']));
  const output = msg(12, str(1, 'last_hidden_state'), tensorType(FLOAT, ['batch', 'sequence', dim]));
  const graph = msg(7, node, str(2, 'tiny'), initializer, input, output);
  // ir_version 8, opset 13 (default domain): understood by every onnxruntime of the last years.
  return Buffer.concat([int(1, 8), str(2, 'paperboy-test'), graph, msg(8, str(1, ''), int(2, 13))]);
}
