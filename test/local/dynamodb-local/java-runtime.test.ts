import { checkJava, javaCommand, javaMajorVersion, MINIMUM_JAVA_VERSION } from '../../../local/dynamodb-local/java-runtime';
import { startDynamoDbLocal } from '../../../local/dynamodb-local/dynamodb-local';
import { fakeJavaHome } from '../../support/fake-java';
import { setEnv } from '../../support/process-env';

describe('the Java that runs DynamoDB Local', () => {
  it.each([
    ['openjdk version "17.0.15" 2025-04-15', 17],
    ['openjdk version "21" 2023-09-19', 21],
    ['java version "1.8.0_392"', 8],
    ['openjdk version "11.0.22" 2024-01-16', 11],
    ['no version here', undefined],
  ])('reads the major version of %j as %p', (output, major) => {
    expect(javaMajorVersion(output)).toBe(major);
  });

  it('is $JAVA_HOME/bin/java when JAVA_HOME is set, java from PATH otherwise', () => {
    expect(javaCommand({ JAVA_HOME: '/opt/jdk' })).toBe('/opt/jdk/bin/java');
    expect(javaCommand({})).toBe('java');
  });

  it("accepts this machine's Java", async () => {
    expect(await checkJava(javaCommand())).toBeGreaterThanOrEqual(MINIMUM_JAVA_VERSION);
  });

  it('refuses a missing java, saying to install Java 17 or newer', async () => {
    await expect(checkJava('/nowhere/bin/java')).rejects.toMatchObject({
      name: 'JavaRuntimeError',
      message: expect.stringContaining('install Java 17 or newer'),
    });
  });

  it('refuses Java 11, naming it and saying to install Java 17 or newer', async () => {
    const java = fakeJavaHome('11.0.22');
    try {
      await expect(checkJava(`${java.home}/bin/java`)).rejects.toMatchObject({
        name: 'JavaRuntimeError',
        message: expect.stringMatching(/is Java 11: install Java 17 or newer/),
      });
    } finally {
      java.remove();
    }
  });

  it('is checked when DynamoDB Local starts: JAVA_HOME pointing at Java 11 fails the start with that message', async () => {
    const java = fakeJavaHome('11.0.22');
    const restore = setEnv({ JAVA_HOME: java.home });
    try {
      await expect(startDynamoDbLocal()).rejects.toMatchObject({ name: 'JavaRuntimeError', message: expect.stringContaining('Java 11') });
    } finally {
      restore();
      java.remove();
    }
  });
});
