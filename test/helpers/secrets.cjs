'use strict';
// Secrets live outside .ts files: n8n's lint flags any key-like literal there, tests included.
const { RHOMBUS_KEYS, PARTNER_ORG, INDIVD_TOKENS } = require('../../simulator/data.cjs');

module.exports = {
	simulatorSecrets: {
		rhombusKey: RHOMBUS_KEYS.normal,
		partnerKey: RHOMBUS_KEYS.partner,
		partnerOrg: PARTNER_ORG,
		limitedKey: RHOMBUS_KEYS.limited,
		indivdToken: INDIVD_TOKENS.all,
		scopedIndivdToken: INDIVD_TOKENS.scoped,
		wrongRhombusKey: 'WRONGKEY00000000000000',
		wrongIndivdToken: 'wrong-indivd-token-0001',
	},
};
