import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { idList } from '../../shared/input';
import { indivdApiRequest } from '../transport';
import type { FilterEntry } from '../transport/schemas';
import { zonesAt } from '../helpers/zones';

function byName(options: INodePropertyOptions[]): INodePropertyOptions[] {
	return options.sort((a, b) => a.name.localeCompare(b.name));
}

function label(entry: FilterEntry): string {
	return `${entry.name ?? 'Unnamed'} (${entry.id})`;
}

function selectedLocations(context: ILoadOptionsFunctions): number[] {
	const value = context.getCurrentNodeParameter('locations');
	try {
		return idList(value, 'Locations');
	} catch {
		return [];
	}
}

export async function getLocations(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const locations = await indivdApiRequest(this, '/filters/locations');
	return byName(
		locations.map((location) => ({
			name: location.city ? `${label(location)}, ${location.city}` : label(location),
			value: location.id,
			description: location.timezone ?? undefined,
		})),
	);
}

export async function getZones(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const zones = zonesAt(await indivdApiRequest(this, '/filters/zones'), selectedLocations(this));
	return byName(zones.map((zone) => ({ name: label(zone), value: zone.id })));
}

export async function getLines(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const lines = await indivdApiRequest(this, '/filters/lines', {
		location: selectedLocations(this).join(','),
	});
	return byName(lines.map((line) => ({ name: label(line), value: line.id })));
}

export async function getCategories(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const categories = await indivdApiRequest(this, '/filters/categories');
	return byName(categories.map((category) => ({ name: label(category), value: category.id })));
}

export async function getOrganizations(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	const organisations = await indivdApiRequest(this, '/filters/organisations');
	return byName(
		organisations.map((organisation) => ({ name: label(organisation), value: organisation.id })),
	);
}

/** Indivd has no floor list; the floors its lines sit on are the ones worth offering. */
export async function getFloors(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const lines = await indivdApiRequest(this, '/filters/lines');
	const floors = new Set<number>();
	for (const line of lines) {
		const floor = Number((line as { floor?: unknown }).floor);
		if (Number.isInteger(floor)) floors.add(floor);
	}
	return [...floors]
		.sort((a, b) => a - b)
		.map((floor) => ({
			name: floor < 0 ? `Floor ${floor} (Basement)` : `Floor ${floor}`,
			value: floor,
		}));
}
