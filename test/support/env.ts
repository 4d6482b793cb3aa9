// Quiet, deterministic environment for every test file: no Powertools log lines, no SDK Node-version warning.
process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
