#!/usr/bin/env node
// `kinerja <command>`: loads the TypeScript CLI through @swc-node/register (no build step).
'use strict';
const path = require('node:path');

const root = path.resolve(__dirname, '../../..');
process.env.SWC_NODE_PROJECT = process.env.SWC_NODE_PROJECT || path.join(root, 'tsconfig.base.json');
require('@swc-node/register');
require('../src/main.ts');
