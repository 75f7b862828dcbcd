package io.picoloop.sim;

import io.picoloop.protocol.Reply;
import java.util.List;

/** One command's arguments to its reply (a handler of the firmware's Dispatcher, {@code handler(args)}). */
@FunctionalInterface
interface CommandHandler {

    Reply handle(int id, List<String> args);
}
