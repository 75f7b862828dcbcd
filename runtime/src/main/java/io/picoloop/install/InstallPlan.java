package io.picoloop.install;

import io.picoloop.micropython.BoardFiles;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What installing the bundle changes on one board, from what is there: the files whose hash on
 * the board differs, and what becomes of a {@code main.py} that is not the bridge's (kept under
 * {@link #backup}).
 *
 * @param write     bundle files to write (main.py last when it is among them)
 * @param unchanged bundle files already on the board as they are in the bundle
 * @param backup    the name a user's own main.py is kept under, or null
 * @param stale     leftovers of an install that was cut short, removed first
 * @param bytes     the bytes to write
 */
public record InstallPlan(List<String> write, List<String> unchanged, String backup, List<String> stale, long bytes) {

    /** The suffix of a file being written: MicroPython never runs it, whatever is cut short. */
    static final String TEMP_SUFFIX = ".picoloop-new";
    /** What a user's own main.py becomes: main-before-picoloop.py, then -2, -3... */
    static final String BACKUP_STEM = "main-before-picoloop";

    public InstallPlan {
        write = List.copyOf(write);
        unchanged = List.copyOf(unchanged);
        stale = List.copyOf(stale);
    }

    public boolean nothingToDo() {
        return write.isEmpty() && stale.isEmpty();
    }

    /**
     * @param onBoard    the board's root directory
     * @param hashes     sha256 of the bundle's names present on the board
     * @param mainHead   main.py's first line on the board, or null when there is none
     */
    static InstallPlan of(BridgeBundle bundle, List<BoardFiles.Entry> onBoard, Map<String, String> hashes, String mainHead) {
        List<String> write = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        long bytes = 0;
        for (BridgeBundle.BridgeFile f : bundle.files().reversed()) {   // main.py last
            if (f.sha256().equals(hashes.get(f.name()))) {
                unchanged.addFirst(f.name());
            } else {
                write.add(f.name());
                bytes += f.content().length;
            }
        }
        Set<String> names = onBoard.stream().map(BoardFiles.Entry::name).collect(Collectors.toSet());
        String backup = null;
        if (names.contains("main.py") && write.contains("main.py") && !isBridgeMain(mainHead, bundle)) {
            backup = BACKUP_STEM + ".py";
            for (int i = 2; names.contains(backup); i++) {
                backup = BACKUP_STEM + "-" + i + ".py";
            }
        }
        List<String> stale = names.stream().filter(n -> n.endsWith(TEMP_SUFFIX)).sorted().toList();
        return new InstallPlan(write, unchanged, backup, stale, bytes);
    }

    /** A main.py whose first line is the bundle's own (every bridge version starts it the same way). */
    static boolean isBridgeMain(String head, BridgeBundle bundle) {
        String ours = new String(bundle.main().content(), java.nio.charset.StandardCharsets.UTF_8).lines().findFirst().orElse("");
        return head != null && !ours.isBlank() && head.strip().equals(ours.strip());
    }

    /** "writes main.py, bridge.py (12.3 KB); keeps your main.py as main-before-picoloop.py" or "nothing to do". */
    public String describe() {
        if (write.isEmpty()) {
            return "nothing to write: the bridge on the board is this picoloop's (" + unchanged.size() + " files checked)";
        }
        StringBuilder s = new StringBuilder("writes ").append(String.join(", ", write))
                .append(String.format(" (%.1f KB)", bytes / 1024.0));
        if (!unchanged.isEmpty()) {
            s.append(", leaves ").append(unchanged.size()).append(" unchanged");
        }
        if (backup != null) {
            s.append("; keeps your main.py as ").append(backup);
        }
        return s.toString();
    }
}
