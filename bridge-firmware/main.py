# picoloop bridge firmware: MicroPython runs this file at boot.
# To get the REPL back, send the line `repl` (Ctrl-C is off while the bridge runs).
import bridge

bridge.main()
