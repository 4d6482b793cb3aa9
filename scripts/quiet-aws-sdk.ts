/**
 * Imported first by every command (npm start, npm run import, npm run bench). The AWS SDK warns,
 * once per process, when its first client is made, that its releases after January 2027 need Node
 * 22. Nothing here can act on it: the project pins its SDK version, runs locally on Node 20 and in
 * AWS on Node 22. The SDK reads this variable when a client is made, so it is set before any module
 * that could make one is loaded; a value already set is kept.
 */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

export {};
