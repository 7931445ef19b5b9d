import { applyEdit } from '../../simulator/variants.cjs';
import { readVendorFixture } from './fixtures.cjs';
import type { ResponseSchema, SchemaNode, Variant } from './generate';
import { endpointResponses, generateVariants, openApiResponses, resolve } from './generate';

function variantsOf(schema: SchemaNode, definitions: Record<string, SchemaNode> = {}) {
	return generateVariants({ kind: 'test', source: 'test', schema, document: { definitions } });
}

const names = (variants: Variant[]) => variants.map((variant) => variant.name);

const fixtures: ResponseSchema[] = [
	...openApiResponses(readVendorFixture('rhombus-openapi.json'), 'rhombus-openapi.json'),
	...openApiResponses(readVendorFixture('rhombus-mcp.json'), 'rhombus-mcp.json'),
	...endpointResponses(readVendorFixture('indivd-responses.json'), 'indivd-responses.json'),
];

/**
 * An answer with every field the schema describes and one row in every array and map, so that
 * each variant of the schema has something to change in it.
 */
function fullAnswer(document: unknown, node: SchemaNode, seen: string[] = []): unknown {
	const { schema, refs: followed } = resolve(document, node);
	if (followed.some((ref) => seen.includes(ref))) return undefined;
	const refs = [...seen, ...followed];
	if (schema.oneOf) {
		const alternative =
			schema.oneOf.find(
				(option) => option['x-shape'] !== undefined && option['x-shape'] !== 'single',
			) ?? schema.oneOf.find((option) => option.maxProperties !== 0);
		return alternative && fullAnswer(document, alternative, refs);
	}
	if (schema.type === 'array' || schema.items) {
		const row = schema.items && fullAnswer(document, schema.items, refs);
		return Array.from({ length: Math.max(1, schema.minItems ?? 1) }, () => row).filter(
			(element) => element !== undefined,
		);
	}
	if (schema.properties || typeof schema.additionalProperties === 'object') {
		const answer: Record<string, unknown> = {};
		for (const [name, property] of Object.entries(schema.properties ?? {})) {
			const value = fullAnswer(document, property, refs);
			if (value !== undefined) answer[name] = value;
		}
		if (typeof schema.additionalProperties === 'object') {
			answer.someKey = fullAnswer(document, schema.additionalProperties, refs);
		}
		return answer;
	}
	return (
		{ string: 'text', integer: 1, number: 1.5, boolean: true }[schema.type ?? 'string'] ?? 'text'
	);
}

describe('variant generator', () => {
	it('makes a nullable field null and a field outside `required` absent', () => {
		const variants = variantsOf({
			type: 'object',
			required: ['kept'],
			properties: {
				kept: { type: 'string' },
				nullable: { type: 'string', nullable: true },
				optional: { type: 'integer' },
			},
		});
		expect(names(variants)).toEqual([
			'extra (root)',
			'null nullable',
			'absent nullable',
			'absent optional',
		]);
	});

	it('adds an unknown field to every object, and empties arrays, maps and all-optional objects', () => {
		const variants = variantsOf({
			type: 'object',
			properties: {
				list: { type: 'array', items: { type: 'integer' } },
				atLeastOne: { type: 'array', minItems: 1, items: { type: 'integer' } },
				map: { type: 'object', additionalProperties: { type: 'integer' } },
			},
		});
		expect(names(variants)).toEqual([
			'extra (root)',
			'empty (root)',
			'absent list',
			'empty list',
			'absent atLeastOne',
			'absent map',
			'empty map',
		]);
	});

	it('changes one row of an array or map, and nulls, removes and empties in every row too', () => {
		const variants = variantsOf({
			type: 'array',
			items: {
				type: 'object',
				properties: { at: { type: 'integer', nullable: true } },
			},
		});
		expect(variants.map(({ name, field, rows }) => [name, field, rows])).toEqual([
			['empty (root)', '', 'none'],
			['extra [0]', '[]', 'one'],
			['empty [0]', '[]', 'one'],
			['null [0].at', '[].at', 'one'],
			['absent [0].at', '[].at', 'one'],
			['empty [*]', '[]', 'all'],
			['null [*].at', '[].at', 'all'],
			['absent [*].at', '[].at', 'all'],
		]);
	});

	it('follows $refs and stops where a type contains itself', () => {
		const variants = variantsOf(
			{ $ref: '#/definitions/Place' },
			{
				Place: {
					type: 'object',
					required: ['name'],
					properties: {
						name: { type: 'string' },
						parts: { type: 'array', items: { $ref: '#/definitions/Place' } },
					},
				},
			},
		);
		expect(names(variants)).toEqual(['extra (root)', 'absent parts', 'empty parts']);
	});

	it('serves every container shape of a oneOf, with the field variants in each', () => {
		const row: SchemaNode = {
			type: 'object',
			properties: { id: { type: 'integer' }, note: { type: 'string' } },
			required: ['id'],
		};
		const variants = variantsOf({
			oneOf: [
				{ 'x-shape': 'single', ...row },
				{ 'x-shape': 'map', type: 'object', 'x-keyedBy': 'id', additionalProperties: row },
				{ 'x-shape': 'array', type: 'array', items: row },
			],
		});
		expect(names(variants)).toEqual([
			'as single',
			'extra (root) (as single)',
			'absent note (as single)',
			'as map',
			'empty (root) (as map)',
			'extra [0] (as map)',
			'absent [0].note (as map)',
			'as array',
			'empty (root) (as array)',
			'extra [0] (as array)',
			'absent [0].note (as array)',
			'absent [*].note (as map)',
			'absent [*].note (as array)',
		]);
		expect(variants.find((variant) => variant.name === 'absent [0].note (as map)')?.edits).toEqual([
			{ path: '', op: 'values' },
			{ path: '', op: 'keyed', key: 'id' },
			{ path: '[0].note', op: 'absent' },
		]);
	});

	it('empties where an alternative allows only emptiness, and never drops a field alone that comes with the request', () => {
		const variants = variantsOf({
			type: 'object',
			required: ['comparison'],
			properties: {
				comparison: {
					oneOf: [
						{ type: 'object', maxProperties: 0 },
						{
							type: 'object',
							required: ['visits'],
							properties: {
								hour: { type: 'integer', 'x-presentWith': 'aggregate_by' },
								visits: { type: 'integer', 'x-alsoNamed': 'enter' },
							},
						},
					],
				},
			},
		});
		expect(names(variants)).toEqual([
			'extra (root)',
			'empty comparison',
			'extra comparison',
			'rename comparison.visits → enter',
		]);
	});

	it('varies a field added to a fixture without anyone listing it', () => {
		const spec = readVendorFixture('rhombus-openapi.json') as {
			components: { schemas: Record<string, SchemaNode> };
		};
		const [report] = openApiResponses(spec, 'spec').filter(
			(response) => response.kind === 'getBatchThresholdCrossingCountReport',
		);
		const before = names(generateVariants(report));
		Object.assign(spec.components.schemas.CrossingCountsType.properties ?? {}, {
			confidence: { type: 'number', nullable: true },
		});
		const after = names(generateVariants(report));
		expect(after.filter((name) => !before.includes(name))).toEqual([
			'null crossingCounts[0].confidence',
			'absent crossingCounts[0].confidence',
			'null crossingCounts[*].confidence',
			'absent crossingCounts[*].confidence',
		]);
	});

	it.each(fixtures.map((response) => [`${response.kind} (${response.source})`, response] as const))(
		'changes the answer %s describes with every variant it makes',
		(_name, response) => {
			const answer = fullAnswer(response.document, response.schema);
			const idle = generateVariants(response).filter((variant) => {
				let root = JSON.parse(JSON.stringify(answer)) as unknown;
				let matched = 0;
				for (const edit of variant.edits) ({ root, matched } = applyEdit(root, edit));
				return matched === 0;
			});
			expect(names(idle)).toEqual([]);
		},
	);
});
