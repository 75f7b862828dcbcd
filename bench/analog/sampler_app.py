# The naive baseline for bench/analog: an asyncio app on the board that samples GP26 with
# asyncio.sleep_ms(period) between reads and prints each value with its time.ticks_us(), as a
# first-course MicroPython program would. Reads "<period_ms> <count>" lines from USB stdin, answers
# "s <t_us> <value>" per sample, then "done". Goes on the rig as /main.py.
import sys
import time
import asyncio
import machine

adc = machine.ADC(26)


async def sample(period, count):
    for _ in range(count):
        await asyncio.sleep_ms(period)
        print("s", time.ticks_us(), adc.read_u16())
    print("done")


while True:
    words = sys.stdin.readline().split()
    if len(words) == 2:
        asyncio.run(sample(int(words[0]), int(words[1])))
