/**
 * `kinerja rebuild feedback-intake` runs this (see `runRebuild`): the read models of
 * read-models.ts, the same list app.module.ts runs.
 */
import 'reflect-metadata';
import { runEntry, runRebuild } from '@kinerja/projections';
import { loadFeedbackIntakeConfig } from './config';
import { READ_MODELS } from './read-models';

runEntry(() => runRebuild(loadFeedbackIntakeConfig(), READ_MODELS));
