package io.picoloop.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository's top directory, where docs/ and bridge-firmware/ live. */
public final class RepoRoot {

    private RepoRoot() {
    }

    public static Path get() {
        String prop = System.getProperty("picoloop.root");
        if (prop != null && Files.isRegularFile(Path.of(prop, "docs", "protocol-vectors.txt"))) {
            return Path.of(prop).toAbsolutePath();
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("docs/protocol-vectors.txt"))) {
                return p;
            }
        }
        throw new IllegalStateException("cannot find the picoloop repository (docs/protocol-vectors.txt) above "
                + Path.of("").toAbsolutePath() + "; run the tests from the repository");
    }
}
