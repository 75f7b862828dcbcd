package io.picoloop.sim;

import io.picoloop.protocol.Commands;
import java.util.Map;

/**
 * The simulator's {@code files} (bridge_files.py): the simulated Pico has no flash, so it holds
 * none of the bridge's files, and says so: {@code ok 0 <sha256 of nothing>}.
 */
final class Files {

    private static final Commands.FilesDigest NONE = Commands.FilesDigest.of(Map.of());

    private Files() {
    }

    /** Its command, as bridge_files' handlers() names it. */
    static Map<String, CommandHandler> handlers() {
        return Map.of(Commands.FILES, (id, a) -> a.isEmpty()
                ? io.picoloop.protocol.Reply.ok(id, Integer.toString(NONE.count()), NONE.sha256())
                : io.picoloop.protocol.Reply.err(id, "args", "usage: files"));
    }
}
