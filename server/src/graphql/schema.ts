import { builder } from './builder.js';
import './schema/scalars.js';
import './schema/errors.js';
import './schema/organization.js';
import './schema/project.js';
import './schema/api-key.js';
import './schema/audit-log.js';
import './schema/viewer.js';
import './schema/project-mutations.js';
import './schema/api-key-mutations.js';
import './schema/trace-subscription.js';
import './schema/model-price.js';
import './schema/unmapped-attributes.js';
import './schema/metrics.js';
import './schema/analysis.js';
import './schema/topology.js';
import './schema/application.js';
import './schema/deployment.js';
import './schema/trace.js';
import './schema/trace-queries.js';
import './schema/span.js';
import './schema/application-overview.js';
import './schema/span-queries.js';
import './schema/session.js';
import './schema/end-user.js';

/** The product's contract; printed to schema.graphql and checked by a test. */
export const schema = builder.toSchema({ sortSchema: true });
