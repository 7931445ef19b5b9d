'use strict';

// Variants: answers the vendors' contracts allow but the simulator does not give by default (a
// nullable field null, an optional one absent, unknown fields, empty containers, other container
// shapes, a whole other body). Each request kind gets a list of edits, applied in order to a copy
// of the JSON of its normal answer after that answer was computed, so state still changes as it
// normally does (a clip still renders over successive progress calls).

const VARIANT_OPS = [
	'null',
	'absent',
	'extra',
	'empty',
	'set',
	'rename',
	'wrap',
	'values',
	'keyed',
	'first',
];
const DEFAULT_EXTRA_KEY = 'simulatorUnknownField';
const DEFAULT_EXTRA_VALUE = 'a field no contract names';
const DEFAULT_WRAP_KEY = 'results';
const DEFAULT_KEYED_BY = 'id';

function isObject(value) {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function copy(value) {
	return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}

/**
 * `a.b[0].c`, `a[*].b`, `a["key.with.dots"]`; `''` is the whole answer. On an array `[N]` is an
 * element (negative counts from the end) and `[*]` every element; on an object `[N]` is its N-th
 * entry and `[*]` every entry, so one row of a map can be changed without knowing its key.
 */
function parsePath(path) {
	if (typeof path !== 'string') throw new Error('variant path must be a string');
	const segments = [];
	let i = 0;
	const fail = () => {
		throw new Error(`invalid variant path: ${JSON.stringify(path)}`);
	};
	while (i < path.length) {
		if (path[i] === '[') {
			const close = path.indexOf(']', i);
			if (close < 0) fail();
			let inner = path.slice(i + 1, close);
			let end = close + 1;
			if (inner.startsWith('"')) {
				const m = /^"(?:[^"\\]|\\.)*"\]/.exec(path.slice(i + 1));
				if (!m) fail();
				inner = m[0].slice(0, -1);
				end = i + 1 + m[0].length;
				segments.push({ key: JSON.parse(inner) });
			} else if (inner === '*') {
				segments.push({ every: true });
			} else if (/^-?\d+$/.test(inner)) {
				segments.push({ index: Number(inner) });
			} else {
				fail();
			}
			i = end;
		} else {
			if (segments.length > 0) {
				if (path[i] !== '.') fail();
				i++;
			}
			const m = /^[^.[\]]+/.exec(path.slice(i));
			if (!m) fail();
			segments.push({ key: m[0] });
			i += m[0].length;
		}
	}
	return segments;
}

function validateEdit(edit) {
	if (!isObject(edit)) throw new Error('a variant edit must be an object');
	if (!VARIANT_OPS.includes(edit.op)) throw new Error(`unknown variant op: ${edit.op}`);
	const path = edit.path ?? '';
	parsePath(path);
	if (path === '' && edit.op === 'absent') throw new Error('the whole answer cannot be absent');
	if (edit.op === 'set' && !('value' in edit)) throw new Error('a "set" edit needs a value');
	if (edit.op === 'rename' && (typeof edit.key !== 'string' || path === '')) {
		throw new Error('a "rename" edit needs a field path and the new name as key');
	}
	if (edit.key !== undefined && typeof edit.key !== 'string') {
		throw new Error('variant key must be a string');
	}
	const out = { path, op: edit.op };
	if (edit.key !== undefined) out.key = edit.key;
	if ('value' in edit) out.value = copy(edit.value);
	return out;
}

function entryKeys(container) {
	return Array.isArray(container) ? container.map((_, i) => i) : Object.keys(container);
}

/** The keys of `container` a segment names; only existing ones unless `create` allows a new key. */
function keysOf(container, segment, create) {
	if (!Array.isArray(container) && !isObject(container)) return [];
	if (segment.every) return entryKeys(container);
	if (segment.index !== undefined) {
		const keys = entryKeys(container);
		const i = segment.index < 0 ? keys.length + segment.index : segment.index;
		return i >= 0 && i < keys.length ? [keys[i]] : [];
	}
	if (!isObject(container)) return [];
	if (create || Object.prototype.hasOwnProperty.call(container, segment.key)) return [segment.key];
	return [];
}

/** The new value for `op`, or `undefined` when it does not apply to `value`. */
function transform(value, edit) {
	switch (edit.op) {
		case 'null':
			return null;
		case 'set':
			return copy(edit.value);
		case 'empty':
			if (Array.isArray(value)) return [];
			if (isObject(value)) return {};
			if (typeof value === 'string') return '';
			return undefined;
		case 'extra':
			// `{}` often stands for "nothing" (Indivd's comparison without comparison dates): a
			// field there would make something of nothing, not add to something.
			if (!isObject(value) || Object.keys(value).length === 0) return undefined;
			return {
				...value,
				[edit.key ?? DEFAULT_EXTRA_KEY]: 'value' in edit ? copy(edit.value) : DEFAULT_EXTRA_VALUE,
			};
		case 'wrap':
			return { [edit.key ?? DEFAULT_WRAP_KEY]: value };
		case 'values':
			return isObject(value) ? Object.values(value) : undefined;
		case 'keyed': {
			if (!Array.isArray(value)) return undefined;
			const by = edit.key ?? DEFAULT_KEYED_BY;
			const out = {};
			value.forEach((element, i) => {
				const key = isObject(element) && element[by] != null ? String(element[by]) : String(i);
				out[key] = element;
			});
			return out;
		}
		case 'first':
			return Array.isArray(value) && value.length > 0 ? value[0] : undefined;
		default:
			return undefined;
	}
}

/** Applies one edit to `root`; returns the new root and how many places it changed. */
function applyEdit(root, edit) {
	const segments = parsePath(edit.path);
	if (segments.length === 0) {
		const next = transform(root, edit);
		return next === undefined ? { root, matched: 0 } : { root: next, matched: 1 };
	}
	let parents = [root];
	for (const segment of segments.slice(0, -1)) {
		parents = parents.flatMap((p) => keysOf(p, segment, false).map((k) => p[k]));
	}
	const last = segments[segments.length - 1];
	const creates = edit.op === 'null' || edit.op === 'set';
	let matched = 0;
	for (const parent of parents) {
		// Descending, so removing array elements does not shift the ones still to come.
		const keys = keysOf(parent, last, creates).reverse();
		for (const key of keys) {
			if (edit.op === 'absent') {
				if (Array.isArray(parent)) parent.splice(key, 1);
				else delete parent[key];
				matched++;
				continue;
			}
			if (edit.op === 'rename') {
				if (Array.isArray(parent) || key === edit.key) continue;
				const value = parent[key];
				delete parent[key];
				parent[edit.key] = value;
				matched++;
				continue;
			}
			const next = transform(parent[key], edit);
			if (next === undefined) continue;
			parent[key] = next;
			matched++;
		}
	}
	return { root, matched };
}

/** Edits per request kind; `kinds` is the list of kinds the simulator serves. */
class VariantStore {
	constructor(kinds) {
		this.kinds = kinds;
		this.byKind = new Map();
	}

	set(kind, edits) {
		if (!this.kinds.includes(kind)) {
			throw new Error(
				`unknown request kind ${JSON.stringify(kind)}; known: ${this.kinds.join(', ')}`,
			);
		}
		const list = (Array.isArray(edits) ? edits : [edits]).map(validateEdit);
		if (list.length === 0) this.byKind.delete(kind);
		else this.byKind.set(kind, list);
		return copy(list);
	}

	/** Several kinds at once: `{ [kind]: edits }`; all are checked before any is set. */
	setAll(map) {
		if (!isObject(map)) throw new Error('variants must be an object of request kind to edits');
		const entries = Object.entries(map);
		const scratch = new VariantStore(this.kinds);
		for (const [kind, edits] of entries) scratch.set(kind, edits);
		for (const [kind, edits] of entries) this.set(kind, edits);
		return this.list();
	}

	clear(kind) {
		if (kind === undefined) this.byKind.clear();
		else this.byKind.delete(kind);
	}

	list() {
		return Object.fromEntries([...this.byKind].map(([kind, edits]) => [kind, copy(edits)]));
	}

	/** The answer with this kind's edits applied, and how many places each edit changed. */
	apply(kind, json) {
		const edits = this.byKind.get(kind);
		if (!edits) return null;
		let root = copy(json);
		const matched = [];
		for (const edit of edits) {
			const r = applyEdit(root, edit);
			root = r.root;
			matched.push(r.matched);
		}
		return { json: root, matched };
	}
}

module.exports = { VariantStore, applyEdit };
