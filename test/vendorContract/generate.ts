import type { VariantEdit, VariantOp } from '../../simulator/server.cjs';

/** The JSON Schema / OpenAPI 3.0 terms the vendor fixtures use (test/fixtures/vendor/README.md). */
export interface SchemaNode {
	$ref?: string;
	type?: string;
	description?: string;
	properties?: Record<string, SchemaNode>;
	required?: string[];
	nullable?: boolean;
	items?: SchemaNode;
	additionalProperties?: SchemaNode | boolean;
	minItems?: number;
	minProperties?: number;
	maxProperties?: number;
	maxItems?: number;
	oneOf?: SchemaNode[];
	/** The container shape a `oneOf` alternative stands for. */
	'x-shape'?: Shape;
	/** The field each entry of a map is keyed by. */
	'x-keyedBy'?: string;
	/** Present exactly when the request groups by it (Indivd's date parts): never absent alone. */
	'x-presentWith'?: string;
	/** Another name the documentation gives the same field. */
	'x-alsoNamed'?: string;
}

export type Shape = 'array' | 'map' | 'single';

/** The answer of one request kind, as a vendor fixture describes it. */
export interface ResponseSchema {
	/** The simulator's request kind: a Rhombus operation name or an Indivd endpoint. */
	kind: string;
	/** Which fixture (and which of its shapes) it comes from. */
	source: string;
	schema: SchemaNode;
	/** The document `$ref`s resolve in. */
	document: unknown;
}

export interface Variant {
	/** e.g. `null timeSeriesDataPoints[0].timestampMs`, `as array (filters/locations)`. */
	name: string;
	/** What the simulator applies: shape conversions first, then the edit itself. */
	edits: VariantEdit[];
	op: VariantOp | 'shape';
	/** Where the edit applies: `[0]` is one row of an array or map, `[*]` every row. */
	path: string;
	/** `path` with every row index written `[]`, as the expectation tables name fields. */
	field: string;
	rows: 'none' | 'one' | 'all';
	/** The container shape the answer was converted to first, if any. */
	shape?: Shape;
}

/** Ops that also make sense on every row at once, not only on one. */
const everyRowOps = new Set<Variant['op']>(['null', 'absent', 'empty', 'rename']);

const identifier = /^[A-Za-z_$][\w$]*$/;

function join(path: string, name: string): string {
	if (!identifier.test(name)) return `${path}[${JSON.stringify(name)}]`;
	return path === '' ? name : `${path}.${name}`;
}

function fieldOf(path: string): string {
	return path.replace(/\[(?:\d+|\*)\]/g, '[]');
}

function pointer(document: unknown, ref: string): SchemaNode {
	if (!ref.startsWith('#/')) throw new Error(`only local $refs are supported, not ${ref}`);
	let node: unknown = document;
	for (const raw of ref.slice(2).split('/')) {
		const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
		node = (node as Record<string, unknown> | undefined)?.[key];
	}
	if (node === undefined) throw new Error(`unresolved $ref ${ref}`);
	return node as SchemaNode;
}

/** The schema a node stands for, `$ref`s followed; keywords beside a `$ref` are kept. */
export function resolve(
	document: unknown,
	node: SchemaNode,
): { schema: SchemaNode; refs: string[] } {
	const refs: string[] = [];
	let schema = node;
	while (schema.$ref) {
		const { $ref, ...beside } = schema;
		if (refs.includes($ref)) throw new Error(`circular $ref ${$ref}`);
		refs.push($ref);
		schema = { ...pointer(document, $ref), ...beside };
	}
	return { schema, refs };
}

function isSchema(value: unknown): value is SchemaNode {
	return typeof value === 'object' && value !== null;
}

function isArraySchema(schema: SchemaNode): boolean {
	return schema.type === 'array' || schema.items !== undefined;
}

function isObjectSchema(schema: SchemaNode): boolean {
	return (
		schema.type === 'object' ||
		schema.properties !== undefined ||
		isSchema(schema.additionalProperties)
	);
}

/** An alternative that allows only an empty container (Indivd's "Empty unless ..."). */
function isEmptyOnly(schema: SchemaNode): boolean {
	return schema.maxProperties === 0 || schema.maxItems === 0;
}

function toShape(path: string, alternative: SchemaNode): VariantEdit[] {
	const shape = alternative['x-shape'];
	const values: VariantEdit = { path, op: 'values' };
	if (shape === 'array') return [values];
	if (shape === 'single') return [values, { path, op: 'first' }];
	return [values, { path, op: 'keyed', key: alternative['x-keyedBy'] ?? 'id' }];
}

interface Walk {
	document: unknown;
	/** Shape conversions every variant below starts with. */
	prefix: VariantEdit[];
	shape?: Shape;
	/** `$ref`s being walked, so a recursive type (a location's sub-locations) stops. */
	refs: string[];
}

/**
 * Every spec-allowed variant of an answer, from its schema alone: a nullable field null, a field
 * not `required` absent, an unknown extra field on every object, an empty array, map or object
 * whose fields are all optional, the other names and container shapes the documentation gives.
 * Rows of arrays and maps are changed one at a time (`[0]`); null, absent, empty and renamed
 * fields also in every row at once (`[*]`).
 */
export function generateVariants(response: ResponseSchema): Variant[] {
	const found = new Map<string, Variant>();
	const add = (
		walk: Walk,
		path: string,
		op: Variant['op'],
		edit: VariantEdit[] = [{ path, op: op as VariantOp }],
	) => {
		const edits = [...walk.prefix, ...edit];
		const key = JSON.stringify(edits);
		if (found.has(key)) return;
		const rows = path.includes('[0]') ? 'one' : 'none';
		const where = op === 'shape' ? `as ${walk.shape}` : `${op} ${path === '' ? '(root)' : path}`;
		const label = op === 'rename' ? `${where} → ${edit[0].key}` : where;
		found.set(key, {
			name: op !== 'shape' && walk.shape ? `${label} (as ${walk.shape})` : label,
			edits,
			op,
			path,
			field: fieldOf(path),
			rows,
			shape: walk.shape,
		});
	};

	const visit = (node: SchemaNode, path: string, walk: Walk) => {
		const { schema, refs } = resolve(walk.document, node);
		if (refs.some((ref) => walk.refs.includes(ref))) return;
		const inner: Walk = { ...walk, refs: [...walk.refs, ...refs] };

		if (schema.oneOf) {
			for (const alternative of schema.oneOf) {
				if (isEmptyOnly(alternative)) {
					add(inner, path, 'empty');
				} else if (alternative['x-shape']) {
					const shaped: Walk = {
						...inner,
						prefix: [...inner.prefix, ...toShape(path, alternative)],
						shape: alternative['x-shape'],
					};
					add(shaped, path, 'shape', []);
					visit(alternative, path, shaped);
				} else {
					visit(alternative, path, inner);
				}
			}
			return;
		}

		if (isArraySchema(schema)) {
			if (!(schema.minItems && schema.minItems > 0)) add(inner, path, 'empty');
			if (schema.items) {
				const row = `${path}[0]`;
				if (resolve(walk.document, schema.items).schema.nullable) add(inner, row, 'null');
				visit(schema.items, row, inner);
			}
			return;
		}

		if (!isObjectSchema(schema)) return;
		const properties = Object.entries(schema.properties ?? {});
		const required = schema.required ?? [];
		const presentWith = (property: SchemaNode) =>
			Boolean(
				property['x-presentWith'] ?? resolve(walk.document, property).schema['x-presentWith'],
			);
		if (properties.length > 0) {
			add(inner, path, 'extra');
			const optional = properties.every(
				([name, property]) => !required.includes(name) && !presentWith(property),
			);
			if (optional) add(inner, path, 'empty');
		}
		for (const [name, property] of properties) {
			const field = join(path, name);
			const own = resolve(walk.document, property).schema;
			if (!presentWith(property)) {
				if (property.nullable || own.nullable) add(inner, field, 'null');
				if (!required.includes(name)) add(inner, field, 'absent');
			}
			const alias = property['x-alsoNamed'] ?? own['x-alsoNamed'];
			if (alias) add(inner, field, 'rename', [{ path: field, op: 'rename', key: alias }]);
			visit(property, field, inner);
		}
		if (isSchema(schema.additionalProperties)) {
			if (properties.length === 0 && !(schema.minProperties && schema.minProperties > 0)) {
				add(inner, path, 'empty');
			}
			const entry = `${path}[0]`;
			if (resolve(walk.document, schema.additionalProperties).schema.nullable) {
				add(inner, entry, 'null');
			}
			visit(schema.additionalProperties, entry, inner);
		}
	};

	visit(response.schema, '', { document: response.document, prefix: [], refs: [] });

	for (const variant of [...found.values()]) {
		if (variant.rows !== 'one' || !everyRowOps.has(variant.op)) continue;
		const path = variant.path.replace(/\[0\]/g, '[*]');
		const prefixLength = variant.edits.length - 1;
		const edit = { ...variant.edits[prefixLength], path };
		const edits = [...variant.edits.slice(0, prefixLength), edit];
		const key = JSON.stringify(edits);
		if (found.has(key)) continue;
		found.set(key, {
			...variant,
			name: variant.name.replace(variant.path, path),
			edits,
			path,
			rows: 'all',
		});
	}
	return [...found.values()];
}

interface OpenApiDocument {
	paths: Record<
		string,
		Record<
			string,
			{
				responses?: Record<string, { content?: Record<string, { schema?: SchemaNode }> }>;
			}
		>
	>;
}

/** The JSON answer of every operation of an OpenAPI document, by the last part of its path. */
export function openApiResponses(document: unknown, source: string): ResponseSchema[] {
	const out: ResponseSchema[] = [];
	for (const [path, operations] of Object.entries((document as OpenApiDocument).paths)) {
		for (const operation of Object.values(operations)) {
			const schema = operation.responses?.['200']?.content?.['application/json']?.schema;
			// The simulator names a kind by the path, as Rhombus's operationId does not always
			// (getPresenceWindows is getCameraPresenceWindows).
			if (schema)
				out.push({ kind: path.slice(path.lastIndexOf('/') + 1), source, schema, document });
		}
	}
	return out;
}

interface EndpointDocument {
	endpoints: Record<string, { schema: SchemaNode }>;
}

/** The answer of every endpoint of a fixture that lists them by request kind. */
export function endpointResponses(document: unknown, source: string): ResponseSchema[] {
	return Object.entries((document as EndpointDocument).endpoints).map(([kind, { schema }]) => ({
		kind,
		source,
		schema,
		document,
	}));
}
