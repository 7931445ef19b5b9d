/**
 * Reads docs/contract.md: its sections, its tables and, above all, its parameter tables, whose
 * format the document's "How to read the parameter tables" section describes.
 */

export const parameterHeader = ['name', 'display name', 'type', 'default', 'values', 'shown when'];

/** What the values column says for options that are loaded from the vendor at edit time. */
export const loadedFromApi = 'loaded from the API';

const none = '—';

export interface MarkdownTable {
	/** Text of the nearest heading above the table. */
	heading: string;
	/** Number of the top-level section (`## 3. ...` is 3), or undefined before the first one. */
	section?: number;
	/** Line (1-based) of the header row. */
	line: number;
	header: string[];
	rows: Array<{ line: number; cells: string[] }>;
}

/** One parameter as a row of a parameter table, every column in a canonical text form. */
export interface ParameterRow {
	name: string;
	displayName: string;
	type: string;
	/** The default as JSON with sorted object keys. */
	default: string;
	/** Choices (`<json> <label>`), `loaded from the API`, or limits; sorted. */
	values: string[];
	/** Conditions such as `waitForCompletion is true`; sorted. */
	shownWhen: string[];
	line: number;
}

/** Parameter rows by scope (`rhombus/report/getCrossingCounts`) and name. */
export type ParameterTables = Map<string, Map<string, ParameterRow>>;

/** JSON with the keys of every object sorted, so equal values always give equal text. */
export function canonicalJson(value: unknown): string {
	return JSON.stringify(value, (_key, inner: unknown) => {
		if (inner === null || typeof inner !== 'object' || Array.isArray(inner)) return inner;
		const sorted: Record<string, unknown> = {};
		for (const key of Object.keys(inner).sort())
			sorted[key] = (inner as Record<string, unknown>)[key];
		return sorted;
	});
}

/** The cells of a table row; `\|` is a pipe inside a cell, not a cell boundary. */
export function splitRow(line: string): string[] {
	const cells: string[] = [];
	let cell = '';
	const text = line.trim().replace(/^\|/, '').replace(/\|$/, '');
	for (let index = 0; index < text.length; index++) {
		const char = text[index];
		if (char === '\\' && text[index + 1] === '|') {
			cell += '|';
			index++;
		} else if (char === '|') {
			cells.push(cell.trim());
			cell = '';
		} else {
			cell += char;
		}
	}
	cells.push(cell.trim());
	return cells;
}

function isSeparatorRow(cells: string[]): boolean {
	return cells.every((cell) => /^:?-+:?$/.test(cell));
}

/** Every table of a markdown text, with the heading and top-level section it sits under. */
export function markdownTables(markdown: string): MarkdownTable[] {
	const tables: MarkdownTable[] = [];
	const lines = markdown.split('\n');
	let heading = '';
	let section: number | undefined;
	let inFence = false;
	let current: MarkdownTable | undefined;
	lines.forEach((raw, index) => {
		const line = raw.trim();
		if (line.startsWith('```')) inFence = !inFence;
		const isTableLine = !inFence && line.startsWith('|');
		if (!isTableLine) current = undefined;
		if (inFence) return;
		const headingMatch = /^(#{1,6})\s+(.*)$/.exec(line);
		if (headingMatch) {
			heading = headingMatch[2];
			if (headingMatch[1].length === 2) {
				const number = /^(\d+)\./.exec(heading);
				section = number ? Number(number[1]) : undefined;
			}
			return;
		}
		if (!isTableLine) return;
		const cells = splitRow(line);
		if (current === undefined) {
			current = { heading, section, line: index + 1, header: cells, rows: [] };
			tables.push(current);
		} else if (current.rows.length === 0 && isSeparatorRow(cells)) {
			// The row under the header.
		} else {
			current.rows.push({ line: index + 1, cells });
		}
	});
	return tables;
}

/** The lines of one top-level section (`## 5. ...`), without its heading. */
export function sectionText(markdown: string, section: number): string {
	const lines = markdown.split('\n');
	const start = lines.findIndex((line) => line.startsWith(`## ${section}.`));
	if (start < 0) throw new Error(`docs/contract.md has no section "## ${section}."`);
	const rest = lines.slice(start + 1);
	const end = rest.findIndex((line) => /^## /.test(line));
	return (end < 0 ? rest : rest.slice(0, end)).join('\n');
}

/** The texts between backticks in a piece of markdown. */
export function codeSpans(text: string): string[] {
	return [...text.matchAll(/`([^`]+)`/g)].map((match) => match[1]);
}

function fail(line: number, problem: string): never {
	throw new Error(`docs/contract.md line ${line}: ${problem}`);
}

function codeCell(cell: string, line: number, column: string): string {
	const match = /^`([^`]+)`$/.exec(cell);
	if (!match) fail(line, `the ${column} column must hold one value in backticks, not "${cell}"`);
	return match[1];
}

function jsonOf(text: string, line: number, column: string): unknown {
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return fail(line, `the ${column} column must be JSON, not ${text}`);
	}
}

const limitPattern = /^(min -?\d+(\.\d+)?|max -?\d+(\.\d+)?|whole number|secret)$/;

function valuesOf(cell: string, line: number): string[] {
	if (cell === none) return [];
	if (cell === loadedFromApi) return [loadedFromApi];
	if (cell.startsWith('`')) {
		return cell
			.split('; ')
			.map((choice) => {
				const match = /^`([^`]*)` (.+)$/.exec(choice);
				if (!match) fail(line, `a choice must be "\`<json>\` <label>", not "${choice}"`);
				return `${canonicalJson(jsonOf(match[1], line, 'values'))} ${match[2].trim()}`;
			})
			.sort();
	}
	return cell
		.split(', ')
		.map((limit) => {
			if (!limitPattern.test(limit)) {
				fail(line, `"${limit}" is no limit (min N, max N, whole number, secret)`);
			}
			return limit;
		})
		.sort();
}

function conditionsOf(cell: string, line: number): string[] {
	if (cell === none) return [];
	return cell
		.split(' and ')
		.map((condition) => {
			const match = /^`(\w+)` (is not|is) (.+)$/.exec(condition);
			if (!match) fail(line, `a condition must be "\`name\` is \`<json>\`", not "${condition}"`);
			const values = match[3].split(' or ').map((value) => {
				const json = /^`([^`]+)`$/.exec(value);
				if (!json) fail(line, `a condition value must be JSON in backticks, not "${value}"`);
				return canonicalJson(jsonOf(json[1], line, 'shown when'));
			});
			return `${match[1]} ${match[2]} ${values.join(' or ')}`;
		})
		.sort();
}

const scopePattern = /^[A-Za-z]\w*(\/\w+)*$/;

/** The scope a parameter table's heading names: the last text in backticks. */
export function scopeOfHeading(heading: string): string | undefined {
	const spans = codeSpans(heading);
	const last = spans[spans.length - 1];
	return last !== undefined && scopePattern.test(last) ? last : undefined;
}

/** Every parameter table of the contract, by scope; throws on a row it cannot read. */
export function parameterTables(markdown: string): ParameterTables {
	const scopes: ParameterTables = new Map();
	for (const table of markdownTables(markdown)) {
		if (table.header.join('|') !== parameterHeader.join('|')) continue;
		const scope = scopeOfHeading(table.heading);
		if (scope === undefined) {
			fail(
				table.line,
				`the heading above this parameter table ("${table.heading}") names no scope`,
			);
		}
		if (scopes.has(scope)) fail(table.line, `a second parameter table for ${scope}`);
		const rows = new Map<string, ParameterRow>();
		for (const { line, cells } of table.rows) {
			if (cells.length !== parameterHeader.length) {
				fail(line, `${cells.length} cells where the header has ${parameterHeader.length}`);
			}
			const [name, displayName, type, defaultCell, values, shownWhen] = cells;
			const row: ParameterRow = {
				name: codeCell(name, line, 'name'),
				displayName,
				type,
				default: canonicalJson(jsonOf(codeCell(defaultCell, line, 'default'), line, 'default')),
				values: valuesOf(values, line),
				shownWhen: conditionsOf(shownWhen, line),
				line,
			};
			if (rows.has(row.name)) fail(line, `${scope} lists "${row.name}" twice`);
			rows.set(row.name, row);
		}
		scopes.set(scope, rows);
	}
	return scopes;
}
