import type { ILoadOptionsFunctions, INode } from 'n8n-workflow';

import { Indivd } from '../../nodes/Indivd/Indivd.node';
import { IndivdTrigger } from '../../nodes/Indivd/IndivdTrigger.node';
import { Rhombus } from '../../nodes/Rhombus/Rhombus.node';
import { RhombusTrigger } from '../../nodes/Rhombus/RhombusTrigger.node';
import { testNode } from '../helpers/context';

// n8n asks for a freshly added node's lists before it attaches the credential it picked.
const freshNode: INode = { ...testNode, credentials: undefined };

function loadContext(): ILoadOptionsFunctions {
	const context = {
		getNode: () => freshNode,
		getCredentials: async () => {
			throw new Error('Node does not have any credentials set!');
		},
		getCurrentNodeParameter: () => undefined,
		getNodeParameter: () => undefined,
	};
	return context as unknown as ILoadOptionsFunctions;
}

const nodes = {
	Rhombus: new Rhombus(),
	'Rhombus Trigger': new RhombusTrigger(),
	Indivd: new Indivd(),
	'Indivd Trigger': new IndivdTrigger(),
};

describe('a freshly added node, before n8n attaches its credential', () => {
	const lists = Object.entries(nodes).flatMap(([nodeName, node]) =>
		Object.entries(node.methods?.loadOptions ?? {}).map(
			([method, load]) => [nodeName, method, load] as const,
		),
	);

	it.each(lists)('%s: the %s list is empty instead of failing', async (_node, _method, load) => {
		await expect(load.call(loadContext())).resolves.toEqual([]);
	});

	it('Rhombus: the camera search is empty instead of failing', async () => {
		const search = nodes.Rhombus.methods.listSearch.searchCameras;
		await expect(search.call(loadContext())).resolves.toEqual({ results: [] });
	});
});
