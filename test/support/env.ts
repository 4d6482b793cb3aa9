// Quiet, deterministic environment for every test file: no Powertools log lines, no metric (EMF)
// lines (a test that reads them turns them on), no SDK Node-version warning.
process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';
process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
