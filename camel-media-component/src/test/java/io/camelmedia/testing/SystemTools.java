package io.camelmedia.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * The Debian tools some tests run (chromium, mosquitto...; {@code test.sh} installs them): a test without its tool is
 * skipped on a developer's machine, but fails in CI (environment variable {@code CI} set), where a missing tool is a
 * broken machine. And the one way the tests stop a process they started.
 */
public final class SystemTools {
    private SystemTools() {
    }

    /** True when {@code CI} is set to anything but empty or {@code false} (GitHub Actions and GitLab set "true"). */
    public static boolean inCi() {
        String ci = System.getenv("CI");
        return ci != null && !ci.isEmpty() && !"false".equalsIgnoreCase(ci);
    }

    /**
     * Returns when {@code executable} is there; otherwise fails in CI and skips the calling test elsewhere.
     *
     * @param what        the tests that need it, for the message ("browser tests")
     * @param debPackage  the Debian package that has it
     */
    public static void assumeInstalled(Path executable, String what, String debPackage) {
        if (Files.isExecutable(executable)) {
            return;
        }
        if (inCi()) {
            throw new AssertionError(executable + " is missing but CI=" + System.getenv("CI") + ": " + what
                    + " must run in CI (test.sh installs it: apt-get install -y " + debPackage + ")");
        }
        Assumptions.assumeTrue(false, executable + " is missing: " + what + " skipped (apt-get install -y " + debPackage + ")");
    }

    /** Ends {@code process}: SIGTERM, up to 5 s to exit, then SIGKILL. */
    public static void stop(Process process) throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }
}
