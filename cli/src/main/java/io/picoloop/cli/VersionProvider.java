package io.picoloop.cli;

import io.picoloop.protocol.Protocol;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** {@code picoloop --version}: the build's version, the bridge firmware it comes with and the protocol they speak. */
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
            "bridge firmware " + Protocol.BRIDGE_FIRMWARE + " (bridge-firmware/; an older one on the board gets a warning)",
            "protocol version " + Protocol.VERSION,
            "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")",
        };
    }
}
