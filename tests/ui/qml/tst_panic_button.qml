// The panic button fires only after a hold of holdMs (1.5 s). Time is
// driven by the test (clockOverride), never waited for.
import QtQuick
import QtTest
import Hall.Kiosk

Item {
    width: 800
    height: 800

    PanicButton {
        id: button
        width: 520
        height: 520
    }
    SignalSpy {
        id: spy
        target: button
        signalName: "confirmed"
    }

    TestCase {
        name: "PanicButton"
        when: windowShown

        function init() {
            spy.clear()
            button.clockOverride = 1000000
        }
        function cleanup() {
            mouseRelease(button, 260, 260)
            button.clockOverride = 0
        }
        function advance(ms) {
            button.clockOverride += ms
            button.update()
        }

        function test_brush_does_not_fire() {
            mousePress(button, 260, 260)
            verify(button.holding)
            advance(400)
            fuzzyCompare(button.progress, 400 / 1500, 0.001)
            mouseRelease(button, 260, 260)
            verify(!button.holding)
            compare(button.progress, 0)
            // However long after the release: nothing fires.
            advance(5000)
            compare(spy.count, 0)
            compare(button.progress, 0)
        }

        function test_hold_fires_once() {
            mousePress(button, 260, 260)
            advance(1000)
            fuzzyCompare(button.progress, 1000 / 1500, 0.001)
            compare(spy.count, 0)
            advance(499)
            compare(spy.count, 0)
            advance(1)
            compare(spy.count, 1)
            verify(button.fired)
            advance(2000)  // still held: once only
            mouseRelease(button, 260, 260)
            compare(spy.count, 1)
        }

        // The button's own timer reads the clock: once the hold time has
        // passed on it, the timer confirms (a condition, not a guess).
        function test_timer_reads_the_clock() {
            mousePress(button, 260, 260)
            button.clockOverride += 1500
            spy.wait(5000)
            compare(spy.count, 1)
            mouseRelease(button, 260, 260)
        }
    }
}
