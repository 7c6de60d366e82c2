// The kiosk screen with a controller that cannot reach its server: the
// offline banner, a quick report with an oversize note refused then a
// valid one queued, the panic, and the silent alarm that keeps the screen
// calm.
import QtQuick
import QtTest
import Hall.Kiosk

Item {
    id: root
    width: 1920
    height: 1080

    Component {
        id: screenComponent
        KioskScreen {
            width: 1920
            height: 1080
            controller: kioskController
        }
    }

    TestCase {
        name: "KioskScreen"
        when: windowShown

        function test_offline_report_panic_silent() {
            var screen = createTemporaryObject(screenComponent, root)
            verify(screen)
            var banner = findChild(screen, "offlineBanner")
            verify(banner)
            tryVerify(function() { return banner.visible }, 5000)
            compare(kioskController.queuedCount, 0)

            // A quick report: the sheet refuses an oversize note.
            var fire = findChild(screen, "report_fire")
            verify(fire)
            mouseClick(fire)
            var sheet = findChild(screen, "reportSheet")
            tryVerify(function() { return sheet.opened }, 2000)
            var note = findChild(sheet.contentItem, "noteField")
            verify(note)
            note.text = "很".repeat(201)
            mouseClick(findChild(sheet.contentItem, "sendButton"))
            var error = findChild(sheet.contentItem, "reportError")
            verify(error.visible)
            verify(error.text.indexOf("过长") >= 0)
            compare(kioskController.queuedCount, 0)
            note.text = "3号窗口有人吵架"
            mouseClick(findChild(sheet.contentItem, "sendButton"))
            tryVerify(function() { return !sheet.visible }, 2000)
            compare(kioskController.queuedCount, 1)
            compare(kioskController.currentStage, KioskController.Saved)
            var text = findChild(screen, "offlineText")
            verify(text.text.indexOf("报警已保存") >= 0)
            verify(text.text.indexOf("1") >= 0)
            verify(findChild(screen, "progressCard").visible)

            // The panic, held for 1.5 s, turns the screen red and queues.
            var panic = findChild(screen, "panicButton")
            mousePress(panic, panic.width / 2, panic.height / 2)
            tryVerify(function() { return kioskController.queuedCount === 2 }, 3000)
            mouseRelease(panic, panic.width / 2, panic.height / 2)
            verify(screen.alarmFlash)
            compare(kioskController.currentCategory, "panic")

            // The silent alarm: hold the clock; nothing turns red.
            tryVerify(function() { return !screen.alarmFlash }, 5000)
            var clock = findChild(screen, "clock")
            var silentBefore = kioskController.silentCount
            mousePress(clock, 10, 10)
            wait(2300)
            mouseRelease(clock, 10, 10)
            compare(kioskController.silentCount, silentBefore + 1)
            compare(kioskController.queuedCount, 3)
            verify(!screen.alarmFlash)
            compare(kioskController.currentCategory, "panic")  // the card still shows the visible press
        }
    }
}
