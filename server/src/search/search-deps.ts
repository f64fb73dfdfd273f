import type { EmbedderResolver } from './embeddings.js';
import type { SearchBackend } from './search-backend.js';

/** What dataset search needs at request time. */
export type SearchDeps = { backend: SearchBackend; embedders: EmbedderResolver };
