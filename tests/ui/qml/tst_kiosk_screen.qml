// The kiosk screen with a controller that cannot reach its server: the
// quick-report buttons come from the taxonomy (in its order, a button the
// client has no label for shown by its category's name, in both
// languages); the offline banner; a quick report with a note over the
// server's limit refused, then a valid one queued; the panic; the silent
// alarm that keeps the screen calm; the simulated-clock banner. Every wait
// is for a condition, never for a guessed time.
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

        // A new screen lays its buttons out on its first polish: wait for it
        // before clicking one.
        function createScreen() {
            var screen = createTemporaryObject(screenComponent, root)
            verify(screen)
            var grid = findChild(screen, "quickReports")
            tryVerify(function() { return !isPolishScheduled(grid) }, 5000)
            return screen
        }

        function initTestCase() {
            verify(kioskTest.loadTaxonomy())
            kioskTest.setLimits(200, 120)
        }

        function test_buttons_from_the_taxonomy() {
            var screen = createScreen()
            var buttons = kioskController.buttons
            // categories.textpb's buttons but panic, in its order, then ours.
            compare(buttons.count, 9)
            var ids = []
            var grid = findChild(screen, "quickReports")
            for (var i = 0; i < grid.children.length; ++i) {
                var name = grid.children[i].objectName
                if (name.indexOf("report_") === 0) ids.push(name)
            }
            compare(ids, ["report_fire", "report_conflict", "report_medical", "report_equipment",
                          "report_crowding", "report_suspicious", "report_utility_outage", "report_other",
                          "report_lift"])
            verify(!findChild(screen, "report_panic"))
            compare(findChild(screen, "report_medical").text, "突发疾病/受伤")
            compare(findChild(screen, "report_lift").text, "电梯困人（测试）")
            verify(!findChild(screen, "noButtonsText").visible)
            kioskController.setLanguage("en")
            compare(findChild(screen, "report_lift").text, "Lift entrapment (test)")
            kioskController.setLanguage("zh")
            compare(findChild(screen, "report_lift").text, "电梯困人（测试）")

            // The unlabelled button raises its category.
            mouseClick(findChild(screen, "report_lift"))
            var sheet = findChild(screen, "reportSheet")
            tryVerify(function() { return sheet.opened }, 2000)
            compare(sheet.category, "lift_entrapment_test")
            sheet.close()
            tryVerify(function() { return !sheet.visible }, 2000)
        }

        function test_offline_report_panic_silent() {
            var screen = createScreen()
            var banner = findChild(screen, "offlineBanner")
            verify(banner)
            tryVerify(function() { return banner.visible }, 5000)
            var queuedBefore = kioskController.queuedCount

            // A quick report: the sheet refuses a note over the server's limit.
            var fire = findChild(screen, "report_fire")
            verify(fire)
            mouseClick(fire)
            var sheet = findChild(screen, "reportSheet")
            tryVerify(function() { return sheet.opened }, 2000)
            compare(sheet.category, "fire")
            var note = findChild(sheet.contentItem, "noteField")
            verify(note)
            note.text = "很".repeat(201)
            compare(findChild(sheet.contentItem, "noteCounter").text, "201 / 200 字")
            mouseClick(findChild(sheet.contentItem, "sendButton"))
            var error = findChild(sheet.contentItem, "reportError")
            verify(error.visible)
            verify(error.text.indexOf("过长") >= 0)
            compare(kioskController.queuedCount, queuedBefore)
            note.text = "3号窗口有人吵架"
            mouseClick(findChild(sheet.contentItem, "sendButton"))
            tryVerify(function() { return !sheet.visible }, 2000)
            compare(kioskController.queuedCount, queuedBefore + 1)
            compare(kioskController.currentStage, KioskController.Saved)
            var text = findChild(screen, "offlineText")
            verify(text.text.indexOf("报警已保存") >= 0)
            verify(text.text.indexOf(String(queuedBefore + 1)) >= 0)
            verify(findChild(screen, "progressCard").visible)

            // The panic, held for 1.5 s, turns the screen red and queues.
            var panic = findChild(screen, "panicButton")
            mousePress(panic, panic.width / 2, panic.height / 2)
            tryVerify(function() { return kioskController.queuedCount === queuedBefore + 2 }, 5000)
            mouseRelease(panic, panic.width / 2, panic.height / 2)
            verify(screen.alarmFlash)
            compare(kioskController.currentCategory, "panic")

            // The silent alarm: hold the clock until it is raised; nothing turns red.
            tryVerify(function() { return !screen.alarmFlash }, 5000)
            var clock = findChild(screen, "clock")
            var silentBefore = kioskController.silentCount
            mousePress(clock, 10, 10)
            tryVerify(function() { return kioskController.silentCount === silentBefore + 1 }, 5000)
            mouseRelease(clock, 10, 10)
            compare(kioskController.queuedCount, queuedBefore + 3)
            verify(!screen.alarmFlash)
            compare(kioskController.currentCategory, "panic")  // the card still shows the visible press
        }

        function test_simulated_clock_banner() {
            var screen = createScreen()
            var banner = findChild(screen, "clockBanner")
            verify(banner)
            verify(!banner.visible)
            kioskTest.setClockSpeed(60)
            verify(banner.visible)
            var text = findChild(screen, "clockText")
            verify(text.text.indexOf("模拟时钟 ×60") >= 0)
            kioskTest.setClockSpeed(1)
            verify(!banner.visible)
        }
    }
}
