import { type Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { LogLevel, NodejsFunction, OutputFormat, SourceMapMode } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

/**
 * The one runtime for every function. Pinned, not "latest": the code is developed and tested on Node 20
 * semantics, and 22 is the nearest Lambda runtime with long support. Moving to a newer major is a
 * deliberate, tested change.
 */
export const FUNCTION_RUNTIME = lambda.Runtime.NODEJS_22_X;
const ESBUILD_TARGET = 'node22';

/** Powertools metric namespace shared by every function and by the alarms that read its metrics. */
export const METRICS_NAMESPACE = 'PointsRedemption';

/**
 * ESM output still contains CommonJS dependencies that call `require`; give them one. The alias avoids a
 * clash with a bundled module's own top-level `createRequire` import.
 */
const ESM_REQUIRE_BANNER =
  "import { createRequire as __pointsCreateRequire } from 'node:module'; const require = __pointsCreateRequire(import.meta.url);";

export interface ServiceFunctionProps {
  /** Absolute path of the TypeScript entry that exports `handler`. */
  readonly entry: string;
  readonly description: string;
  /** Powertools service name: the `service` key in logs and the `service` dimension of metrics. */
  readonly serviceName: string;
  readonly logLevel: string;
  readonly logRetention: logs.RetentionDays;
  readonly environment?: Record<string, string>;
  readonly timeout: Duration;
  readonly memorySize: number;
}

/**
 * A NodejsFunction with the house settings: bundled locally by esbuild (no Docker) as minified ESM with
 * source maps, arm64, its own log group with retention, X-Ray active tracing, and its own role that can
 * write only to that log group and to X-Ray (instead of the AWSLambdaBasicExecutionRole and
 * AWSXRayDaemonWriteAccess managed policies: the first allows any log group, the second also reads
 * sampling rules, which Lambda applies on the function's behalf).
 */
export class ServiceFunction extends Construct {
  readonly function: NodejsFunction;
  readonly role: iam.Role;
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: ServiceFunctionProps) {
    super(scope, id);

    this.logGroup = new logs.LogGroup(this, 'LogGroup', {
      retention: props.logRetention,
      // Logs belong to the stateless stack: they go with it on teardown.
      removalPolicy: RemovalPolicy.DESTROY,
    });

    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Execution role of ${props.description}`,
    });
    this.role.addToPolicy(
      new iam.PolicyStatement({
        sid: 'WriteOwnLogGroup',
        // The log group's ARN attribute ends in ":*", which covers the streams Lambda creates in it.
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [this.logGroup.logGroupArn],
      }),
    );
    this.function = new NodejsFunction(this, 'Function', {
      entry: props.entry,
      handler: 'handler',
      description: props.description,
      runtime: FUNCTION_RUNTIME,
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.memorySize,
      timeout: props.timeout,
      role: this.role,
      logGroup: this.logGroup,
      // Lambda samples and sends the function's segment; the option also grants the role the two X-Ray writes.
      tracing: lambda.Tracing.ACTIVE,
      environment: {
        POWERTOOLS_SERVICE_NAME: props.serviceName,
        POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
        POWERTOOLS_LOG_LEVEL: props.logLevel,
        // Answers carry customer data (names, balances, echoed identifiers): traces keep timings, not bodies.
        POWERTOOLS_TRACER_CAPTURE_RESPONSE: 'false',
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
        NODE_OPTIONS: '--enable-source-maps',
        ...props.environment,
      },
      bundling: {
        forceDockerBundling: false,
        logLevel: LogLevel.WARNING,
        format: OutputFormat.ESM,
        target: ESBUILD_TARGET,
        mainFields: ['module', 'main'],
        banner: ESM_REQUIRE_BANNER,
        minify: true,
        sourceMap: true,
        sourceMapMode: SourceMapMode.DEFAULT,
        // Stack traces need file and line, not the original sources: keeps the asset small.
        sourcesContent: false,
        // Bundled, not taken from the runtime: pins the SDK version we tested with (README, "Choices worth knowing").
        bundleAwsSDK: true,
      },
    });
    // `tracing: ACTIVE` added one statement to the role: xray:PutTraceSegments and xray:PutTelemetryRecords
    // on "*", all a traced function needs (Lambda makes the sampling decision, so no GetSampling* reads).
    Validations.of(this.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'X-Ray trace writes (xray:PutTraceSegments, xray:PutTelemetryRecords) support no resource-level permissions, so IAM only accepts Resource "*"; the statement allows nothing else. It is what Lambda active tracing needs, instead of the AWSXRayDaemonWriteAccess managed policy.',
    });
    Validations.of(this.function).acknowledge({
      id: 'AwsSolutions-L1',
      reason:
        'The runtime is pinned on purpose to nodejs22.x (supported until 2027), the nearest to the Node 20 the code is tested on; upgrading the runtime major is a deliberate, tested change rather than an automatic one.',
    });
  }
}
