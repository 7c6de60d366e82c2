// The panic button fires only after a hold of about 1.5 s.
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

        function init() { spy.clear() }

        function test_brush_does_not_fire() {
            mousePress(button, 260, 260)
            wait(400)
            verify(button.progress > 0 && button.progress < 0.5)
            mouseRelease(button, 260, 260)
            wait(1500)
            compare(spy.count, 0)
            compare(button.progress, 0)
        }

        function test_hold_fires_once() {
            mousePress(button, 260, 260)
            tryVerify(function() { return button.progress > 0.3 }, 1000)
            verify(button.progress < 1)
            spy.wait(2000)
            compare(spy.count, 1)
            wait(500)
            mouseRelease(button, 260, 260)
            compare(spy.count, 1)
        }
    }
}
