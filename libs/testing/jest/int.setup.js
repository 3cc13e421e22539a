// Jest ignores `testTimeout` inside `projects`, so each project sets its own here.
jest.setTimeout(120_000);
