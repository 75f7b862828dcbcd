package io.picoloop.install;

import io.picoloop.micropython.BoardFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The bridge firmware this picoloop carries: the files of {@code bridge-firmware/} ({@code main.py}
 * and {@code bridge*.py}) that the build copies into the jar as they are, with their sha256 and the
 * firmware version read from them ({@code FW_VERSION = "..."}) when loaded. Nothing here repeats
 * their content or their version.
 */
public record BridgeBundle(List<BridgeFile> files, String version) {

    /** Where the build puts the files among the classes. */
    static final String RESOURCE_DIR = "picoloop/bridge-firmware";
    private static final Pattern FW_VERSION = Pattern.compile("(?m)^FW_VERSION\\s*=\\s*\"([^\"]+)\"");

    /** One file as it goes onto the board. */
    public record BridgeFile(String name, byte[] content, String sha256) {
    }

    public BridgeBundle {
        files = List.copyOf(files);
    }

    /** The bundle in this picoloop's classes (its jar, or target/classes in a build). */
    public static BridgeBundle load() {
        URL main = BridgeBundle.class.getClassLoader().getResource(RESOURCE_DIR + "/main.py");
        if (main == null) {
            throw new IllegalStateException("this picoloop was built without the bridge firmware (" + RESOURCE_DIR
                    + "/main.py is missing from its classes): rebuild it with mvn package from the repository");
        }
        try {
            URI uri = main.toURI();
            if (uri.getScheme().equals("jar")) {
                FileSystem fs;
                try {
                    fs = FileSystems.newFileSystem(uri, Map.of());
                } catch (FileSystemAlreadyExistsException e) {
                    fs = FileSystems.getFileSystem(uri);
                }
                return fromDirectory(fs.getPath("/" + RESOURCE_DIR));
            }
            return fromDirectory(Path.of(uri).getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The bundle of a directory holding main.py and bridge*.py (bridge-firmware/ itself, or a changed copy in tests). */
    public static BridgeBundle fromDirectory(Path dir) throws IOException {
        List<BridgeFile> files = new ArrayList<>();
        List<Path> paths;
        try (Stream<Path> s = Files.list(dir)) {
            paths = s.filter(p -> isBridgeFile(p.getFileName().toString()))
                    .sorted(Comparator.comparing((Path p) -> !p.getFileName().toString().equals("main.py"))
                            .thenComparing(p -> p.getFileName().toString()))
                    .toList();
        }
        String version = null;
        for (Path p : paths) {
            byte[] content;
            try (InputStream in = Files.newInputStream(p)) {
                content = in.readAllBytes();
            }
            Matcher m = FW_VERSION.matcher(new String(content, java.nio.charset.StandardCharsets.UTF_8));
            if (m.find()) {
                version = m.group(1);
            }
            files.add(new BridgeFile(p.getFileName().toString(), content, BoardFiles.sha256Hex(content)));
        }
        if (files.isEmpty() || !files.getFirst().name().equals("main.py")) {
            throw new IOException(dir + " holds no bridge firmware (main.py and bridge*.py)");
        }
        if (version == null) {
            throw new IOException("no FW_VERSION = \"...\" in the bridge firmware of " + dir);
        }
        return new BridgeBundle(files, version);
    }

    /** The names that make up the bridge on a board. */
    public static boolean isBridgeFile(String name) {
        return name.equals("main.py") || name.matches("bridge[A-Za-z0-9_]*\\.py");
    }

    public BridgeFile main() {
        return files.getFirst();
    }

    public List<String> names() {
        return files.stream().map(BridgeFile::name).toList();
    }

    /** What the bridge's {@code files} says on a board that holds exactly these files, and no leftovers. */
    public io.picoloop.protocol.Commands.FilesDigest filesDigest() {
        return io.picoloop.protocol.Commands.FilesDigest.of(files.stream()
                .collect(java.util.stream.Collectors.toMap(BridgeFile::name, BridgeFile::sha256)));
    }

    public long totalBytes() {
        return files.stream().mapToLong(f -> f.content().length).sum();
    }
}
