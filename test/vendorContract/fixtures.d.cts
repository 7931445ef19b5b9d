/** A JSON file of test/fixtures/vendor, parsed. */
export function readVendorFixture(name: string): unknown;
