package io.picoloop.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The catalogue writes each request as docs/protocol.md says, and reads each reply and event. */
class CatalogueTest {

    private static final PinId GP14 = PinId.gpio(14);
    private static final PinId GP16 = PinId.gpio(16);

    private static String wire(Command c) {
        return Request.of(7, c.command(), c.args()).encode();
    }

    @Test
    void requestsAreWrittenAsTheSpecSays() {
        Map<PinId, Boolean> together = new LinkedHashMap<>();
        together.put(GP16, true);
        together.put(PinId.gpio(19), false);
        Map<Command, String> expected = new LinkedHashMap<>();
        expected.put(Commands.hello(), "7 hello");
        expected.put(Commands.ping(), "7 ping");
        expected.put(Commands.modeOut(PinId.LED, false), "7 mode LED out 0");
        expected.put(Commands.modeOut(GP16, true), "7 mode 16 out 1");
        expected.put(Commands.modeIn(GP14, Commands.PULL_DOWN), "7 mode 14 in down");
        expected.put(Commands.write(GP16, true), "7 write 16 1");
        expected.put(Commands.writeTogether(together), "7 write 16 1 19 0");
        expected.put(Commands.toggle(PinId.gpio(25)), "7 toggle 25");
        expected.put(Commands.read(GP14), "7 read 14");
        expected.put(Commands.watch(GP14, Commands.PULL_UP, 20), "7 watch 14 up 20");
        expected.put(Commands.unwatch(GP14), "7 unwatch 14");
        expected.put(Commands.keepalive(3000), "7 keepalive 3000");
        expected.put(Commands.off(), "7 off");
        expected.put(Commands.pwm(GP16, 1000, 16384), "7 pwm 16 1000 16384");
        expected.put(Commands.pwmOff(GP16), "7 pwm 16 off");
        expected.put(Commands.fade(GP16, 0, 65535, 2000), "7 fade 16 0 65535 2000");
        expected.put(Commands.tone(PinId.gpio(19), 440, 200), "7 tone 19 440 200");
        expected.put(Commands.adc(AdcInput.gpio(26)), "7 adc 26");
        expected.put(Commands.adc(AdcInput.TEMPERATURE), "7 adc temp");
        expected.put(Commands.stream(AdcInput.gpio(27), 10), "7 stream 27 10");
        expected.put(Commands.streamOff(AdcInput.TEMPERATURE), "7 stream temp off");
        expected.forEach((c, line) -> assertEquals(line, wire(c)));
        assertEquals("mode 16 out 1", Commands.modeOut(GP16, true).toString());
    }

    @Test
    void repliesAreReadTyped() {
        assertTrue(Commands.level(Reply.ok(1, "1")));
        assertFalse(Commands.level(Reply.ok(1, "0", "123")));
        var bad = assertThrows(ProtocolException.class, () -> Commands.level(Reply.ok(1, "2")));
        assertEquals("expected a level 0 or 1, saw \"1 ok 2\"", bad.getMessage());
        assertEquals(OptionalLong.empty(), Commands.writeTime(Reply.ok(1)), "a bridge before the time");
        assertEquals(OptionalLong.of(123), Commands.writeTime(Reply.ok(1, "123")));
        assertEquals(OptionalLong.of(55), Commands.toggleTime(Reply.ok(1, "1", "55")));
        assertEquals(OptionalLong.empty(), Commands.toggleTime(Reply.ok(1, "1")));
        assertThrows(ProtocolException.class, () -> Commands.writeTime(Reply.ok(1, "-5")));
        assertEquals(987654, Commands.pingMicros(Reply.ok(1, "987654")));
        assertEquals(3, Commands.offCount(Reply.ok(1, "3")));
        assertEquals(new Commands.AdcReading(30000, 123456789), Commands.adcReading(Reply.ok(3, "30000", "123456789")));
        assertThrows(ProtocolException.class, () -> Commands.adcReading(Reply.ok(3, "65536", "5")));
        assertThrows(ProtocolException.class, () -> Commands.adcReading(Reply.ok(3, "300")));
        assertEquals(42, Commands.effectTime(Reply.ok(1, "42")));
        assertThrows(ProtocolException.class, () -> Commands.effectTime(Reply.ok(1)));
    }

    @Test
    void eventsAreReadTyped() {
        DeviceEvent edge = (DeviceEvent) LineCodec.decodeDeviceLine("! edge 14 0 123456 7");
        assertEquals(new Events.EdgeEvent(14, false, 123456, 7), Events.edge(edge));
        assertEquals(7, Events.seq(edge));
        DeviceEvent lost = (DeviceEvent) LineCodec.decodeDeviceLine("! lost 3 8");
        assertEquals(new Events.LostEvent(3, 8), Events.lost(lost));
        assertEquals(8, Events.seq(lost));
        DeviceEvent badLevel = (DeviceEvent) LineCodec.decodeDeviceLine("! edge 14 x 9100 6");
        assertEquals(6, Events.seq(badLevel), "a malformed edge's seq still counts");
        assertThrows(ProtocolException.class, () -> Events.edge(badLevel));
        assertThrows(ProtocolException.class, () -> Events.edge(DeviceEvent.of(DeviceEvent.EDGE, "-3", "1", "5", "9")));
        assertThrows(ProtocolException.class, () -> Events.seq(DeviceEvent.of(DeviceEvent.LOST, "3")));
        assertEquals("3000", Events.expiredMs(DeviceEvent.of(DeviceEvent.EXPIRED, "3000")));
        assertEquals("?", Events.expiredMs(DeviceEvent.of(DeviceEvent.EXPIRED)));
        DeviceEvent sample = (DeviceEvent) LineCodec.decodeDeviceLine("! sample 26 30000 123456789 42");
        assertTrue(Events.isSample(sample) && Events.isSequenced(sample));
        assertEquals(new Events.SampleEvent(AdcInput.gpio(26), 30000, 123456789, 42), Events.sample(sample));
        assertEquals(42, Events.seq(sample), "samples share the edges' sequence");
        DeviceEvent temp = (DeviceEvent) LineCodec.decodeDeviceLine("! sample temp 14016 123456789 43");
        assertEquals(AdcInput.TEMPERATURE, Events.sample(temp).input());
        DeviceEvent badValue = (DeviceEvent) LineCodec.decodeDeviceLine("! sample 26 70000 5 44");
        assertEquals(44, Events.seq(badValue), "a malformed sample's seq still counts");
        assertThrows(ProtocolException.class, () -> Events.sample(badValue));
        assertThrows(ProtocolException.class, () -> Events.sample(DeviceEvent.of(DeviceEvent.SAMPLE, "LED", "1", "5", "9")));
    }

    @Test
    void anOkSaysWhatBecameOfThePins() {
        assertEquals(List.of(new PinEffect.Output(GP16, true)), effects("mode 16 out 1", "ok"));
        assertEquals(List.of(new PinEffect.Input(GP14, Commands.PULL_NONE)), effects("mode 14 in", "ok"));
        assertEquals(List.of(new PinEffect.Level(GP16, true), new PinEffect.Level(PinId.gpio(19), false)),
                effects("write 16 1 19 0", "ok 5"));
        assertEquals(List.of(new PinEffect.Level(GP16, false)), effects("toggle 16", "ok 0 77"));
        assertEquals(List.of(new PinEffect.Input(GP14, Commands.PULL_UP)), effects("watch 14", "ok 1"));
        assertEquals(List.of(new PinEffect.AllLow()), effects("off", "ok 2"));
        assertEquals(List.of(), effects("ping", "ok 5"));
        assertEquals(List.of(), effects("unwatch 14", "ok"));
        assertEquals(List.of(new PinEffect.Pwm(GP16, 1000, 16384)), effects("pwm 16 1000 16384", "ok 5"));
        assertEquals(List.of(new PinEffect.Output(GP16, false)), effects("pwm 16 off", "ok 5"));
        assertEquals(List.of(new PinEffect.Duty(GP16, 100)), effects("fade 16 0 100 2000", "ok 5"), "where it ends");
        assertEquals(List.of(new PinEffect.Pwm(GP16, 440, 0)), effects("tone 16 440 200", "ok 5"), "a tone ends silent");
        assertEquals(List.of(new PinEffect.Analog(PinId.gpio(26))), effects("adc 26", "ok 5 6"));
        assertEquals(List.of(), effects("adc temp", "ok 5 6"), "the sensor is no pin");
        assertEquals(List.of(new PinEffect.Stream(AdcInput.TEMPERATURE, 10)), effects("stream temp 10", "ok 5"));
        assertEquals(List.of(new PinEffect.StreamStopped(AdcInput.gpio(27))), effects("stream 27 off", "ok"));
        assertEquals(List.of(), effects("pwm 16 fast 100", "ok 5"), "an unreadable request changes nothing known");
    }

    private static List<PinEffect> effects(String request, String reply) {
        String[] words = request.split(" ");
        Request q = Request.of(1, words[0], java.util.Arrays.copyOfRange(words, 1, words.length));
        return Commands.pinEffects(q, (Reply) LineCodec.decodeDeviceLine("1 " + reply));
    }
}
