import { builder } from './builder.js';
import './errors.js';
import './viewer.js';
import './customer.js';
import './vehicle.js';
import './service-address.js';
import './service-type.js';
import './technician.js';
import './work-order.js';
import './work-order-mutations.js';
import './work-order-event.js';
import './invoice.js';
import './schedule.js';
import './api-key.js';
import './user.js';
import './account.js';
import './subscriptions.js';

export const schema = builder.toSchema({ sortSchema: false });
