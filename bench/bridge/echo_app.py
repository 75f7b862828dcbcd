# The naive baseline for bench/bridge: an asyncio app on the board that reads USB stdin one byte
# at a time (asyncio.StreamReader.read(1)) and answers each line with the line and its
# time.ticks_us(), as a first-course MicroPython program would. Goes on the rig as /main.py.
import sys
import time
import asyncio


async def echo():
    reader = asyncio.StreamReader(sys.stdin.buffer)
    out = sys.stdout.buffer
    line = b""
    while True:
        c = await reader.read(1)
        if c == b"\n":
            out.write(line + b" " + str(time.ticks_us()).encode() + b"\n")
            line = b""
        else:
            line += c


asyncio.run(echo())
