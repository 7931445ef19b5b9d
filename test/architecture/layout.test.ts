import { importGraph } from './imports.cjs';

const graph = importGraph();

/** The import cycles of the graph, each as the files around it, found by depth-first search. */
function cycles(): string[][] {
	const found: string[][] = [];
	const state = new Map<string, 'open' | 'done'>();
	const stack: string[] = [];
	const visit = (file: string) => {
		state.set(file, 'open');
		stack.push(file);
		for (const target of graph[file] ?? []) {
			if (state.get(target) === 'open') found.push(stack.slice(stack.indexOf(target)));
			else if (!state.has(target)) visit(target);
		}
		stack.pop();
		state.set(file, 'done');
	};
	for (const file of Object.keys(graph).sort()) if (!state.has(file)) visit(file);
	return found;
}

const importers = (predicate: (target: string) => boolean) =>
	Object.entries(graph)
		.filter(([, targets]) => targets.some(predicate))
		.map(([file]) => file);

describe('the source layout', () => {
	it('reads every production file', () => {
		expect(Object.keys(graph)).toEqual(
			expect.arrayContaining([
				'nodes/Rhombus/Rhombus.node.ts',
				'nodes/Indivd/IndivdTrigger.node.ts',
				'credentials/RhombusApi.credentials.ts',
			]),
		);
	});

	it('has no import cycles in nodes/ and credentials/', () => {
		expect(cycles()).toEqual([]);
	});

	it('keeps credentials free of node code', () => {
		const credentialFiles = Object.keys(graph).filter((file) => file.startsWith('credentials/'));
		const nodeImports = credentialFiles.flatMap((file) =>
			graph[file]
				.filter((target) => target.startsWith('nodes/'))
				.map((target) => `${file} -> ${target}`),
		);
		expect(nodeImports).toEqual([]);
	});

	it('keeps the vendors apart: neither imports the other, shared code imports neither', () => {
		expect(
			importers((target) => target.startsWith('nodes/Indivd/')).filter(
				(file) => !file.startsWith('nodes/Indivd/'),
			),
		).toEqual([]);
		expect(
			importers((target) => target.startsWith('nodes/Rhombus/')).filter(
				(file) => !file.startsWith('nodes/Rhombus/'),
			),
		).toEqual([]);
	});

	it('keeps metrics below actions and triggers: a metric imports neither', () => {
		const metrics = Object.keys(graph).filter((file) => file.includes('/metrics/'));
		expect(metrics.length).toBeGreaterThan(0);
		const upward = metrics.flatMap((file) =>
			graph[file].filter((target) => /\/(actions|trigger)\//.test(target)),
		);
		expect(upward).toEqual([]);
	});
});
