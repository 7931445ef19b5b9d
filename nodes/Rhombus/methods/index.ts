import { optionsWhenCredentialSet, searchWhenCredentialSet } from '../../shared/methods';
import * as loaders from './loadOptions';
import * as searches from './listSearch';

export const loadOptions = optionsWhenCredentialSet('rhombusApi', loaders);
export const listSearch = searchWhenCredentialSet('rhombusApi', searches);
