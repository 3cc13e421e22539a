#!/usr/bin/env node
// `analytics-subscriber [run | stats [--json]]`: loads the TypeScript entry through @swc-node/register
// (no build step). A third party copying this example would compile it with tsc instead.
'use strict';
const path = require('node:path');

const root = path.resolve(__dirname, '../../..');
process.env.SWC_NODE_PROJECT = process.env.SWC_NODE_PROJECT || path.join(root, 'tsconfig.base.json');
require('@swc-node/register');
require('../src/main.ts');
