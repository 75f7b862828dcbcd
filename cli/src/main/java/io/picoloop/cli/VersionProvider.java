package io.picoloop.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** {@code picoloop --version}: the build's version and the protocol it speaks. */
final class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() throws IOException {
        Properties p = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream("/picoloop/version.properties")) {
            if (in != null) {
                p.load(in);
            }
        }
        return new String[] {
            "picoloop " + p.getProperty("version", "unknown"),
            "protocol version " + io.picoloop.protocol.Protocol.VERSION,
            "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")",
        };
    }
}
