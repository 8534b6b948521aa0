import { DataType, type Field, tableFromIPC, type Vector } from 'apache-arrow';

/** How a column is handed to components: text, whole numbers that must all be present, or numbers with gaps. */
export type ColumnKind = 'utf8' | 'int32' | 'float64';

/** The columns a caller expects, by name. */
export type ColumnSpec = Readonly<Record<string, ColumnKind>>;

type ColumnArray<K extends ColumnKind> = K extends 'utf8'
  ? string[]
  : K extends 'int32'
    ? Int32Array
    : Float64Array;

/** Plain column arrays, so no component ever holds an apache-arrow object. */
export interface DecodedColumns<S extends ColumnSpec> {
  readonly length: number;
  readonly columns: { readonly [K in keyof S]: ColumnArray<S[K]> };
}

/**
 * Decodes an Arrow IPC stream (or file) with tableFromIPC into typed arrays per the spec, throwing a
 * one-line Error naming the column when one is missing or of the wrong type. Extra columns are ignored.
 */
export function decodeArrow<S extends ColumnSpec>(bytes: Uint8Array, spec: S): DecodedColumns<S> {
  const table = tableFromIPC(bytes);
  const length = table.numRows;
  const columns: Record<string, string[] | Int32Array | Float64Array> = {};
  for (const [name, kind] of Object.entries(spec)) {
    const field = table.schema.fields.find((f) => f.name === name);
    const vector = table.getChild(name);
    if (!field || !vector) {
      const present = table.schema.fields.map((f) => f.name).join(', ') || 'none';
      throw new Error(`the Arrow stream has no column "${name}" (columns: ${present})`);
    }
    // A writer that infers types from values types an empty column as Null; with no rows that says nothing wrong.
    columns[name] =
      length === 0 && DataType.isNull(field.type)
        ? emptyColumn(kind)
        : decodeColumn(field, vector, kind, length);
  }
  return { length, columns: columns as DecodedColumns<S>['columns'] };
}

function decodeColumn(
  field: Field,
  vector: Vector,
  kind: ColumnKind,
  length: number,
): string[] | Int32Array | Float64Array {
  switch (kind) {
    case 'utf8':
      return decodeText(field, vector, length);
    case 'int32':
      return decodeInt32(field, vector, length);
    case 'float64':
      return decodeFloat64(field, vector, length);
  }
}

function emptyColumn(kind: ColumnKind): string[] | Int32Array | Float64Array {
  switch (kind) {
    case 'utf8':
      return [];
    case 'int32':
      return new Int32Array(0);
    case 'float64':
      return new Float64Array(0);
  }
}

function decodeText(field: Field, vector: Vector, length: number): string[] {
  const type = DataType.isDictionary(field.type) ? field.type.dictionary : field.type;
  if (!DataType.isUtf8(type) && !DataType.isLargeUtf8(type) && !DataType.isUtf8View(type)) {
    throw wrongType(field, 'text');
  }
  const out = new Array<string>(length);
  for (let i = 0; i < length; i++) {
    const value: unknown = vector.get(i);
    if (typeof value !== 'string') {
      throw new Error(`column "${field.name}" has no value in row ${i + 1}`);
    }
    out[i] = value;
  }
  return out;
}

function decodeInt32(field: Field, vector: Vector, length: number): Int32Array {
  if (!DataType.isInt(field.type)) {
    throw wrongType(field, 'whole numbers');
  }
  if (vector.nullCount > 0) {
    throw new Error(`column "${field.name}" has ${vector.nullCount} missing values`);
  }
  if (field.type.bitWidth <= 32 && field.type.isSigned) {
    // toArray may return a view on the IPC buffer; copy so the bytes can be released.
    return Int32Array.from(vector.toArray() as ArrayLike<number>);
  }
  const out = new Int32Array(length);
  for (let i = 0; i < length; i++) {
    const value = Number(vector.get(i));
    if (!Number.isSafeInteger(value) || value > 2 ** 31 - 1 || value < -(2 ** 31)) {
      throw new Error(`column "${field.name}" row ${i + 1} does not fit a 32-bit integer`);
    }
    out[i] = value;
  }
  return out;
}

function decodeFloat64(field: Field, vector: Vector, length: number): Float64Array {
  if (!DataType.isInt(field.type) && !DataType.isFloat(field.type)) {
    throw wrongType(field, 'numbers');
  }
  const out = new Float64Array(length);
  for (let i = 0; i < length; i++) {
    const value: unknown = vector.get(i);
    out[i] = value === null || value === undefined ? Number.NaN : Number(value);
  }
  return out;
}

function wrongType(field: Field, expected: string): Error {
  return new Error(`column "${field.name}" should hold ${expected} but is ${String(field.type)}`);
}
