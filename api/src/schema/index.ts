import { builder } from './builder.js';
import './errors.js';
import './viewer.js';
import './customer.js';

export const schema = builder.toSchema({ sortSchema: false });
