// The first-run screen of a kiosk with no credential: a code that is not
// 12 letters and digits is refused in words and nothing is sent; a
// well-formed one is sent, and an unreachable server is said in words.
import QtQuick
import QtTest
import Hall.Kiosk

Item {
    id: root
    width: 1920
    height: 1080

    Component {
        id: enrollComponent
        EnrollScreen {
            width: 1920
            height: 1080
            controller: enrollController
        }
    }

    TestCase {
        name: "EnrollScreen"
        when: windowShown

        function test_code_is_checked_then_sent() {
            verify(enrollController.needsEnrollment)
            var screen = createTemporaryObject(enrollComponent, root)
            verify(screen)
            var field = findChild(screen, "enrollCode")
            var button = findChild(screen, "enrollButton")
            var local = findChild(screen, "enrollLocalError")
            field.text = "1234"
            mouseClick(button)
            compare(local.text, "登记码应为 12 位字母和数字（见值班台显示的登记码）")
            verify(!enrollController.enrolling)

            field.text = "hallkiosk:enroll?kiosk=kiosk-new&code=ABCD2345WXYZ"
            compare(local.text, "")  // cleared as the guide types
            mouseClick(button)
            compare(local.text, "")
            var error = findChild(screen, "enrollError")
            tryVerify(function() { return !enrollController.enrolling && error.visible }, 15000)
            compare(error.text, "无法连接服务器，请检查网络后重试")
            verify(enrollController.needsEnrollment)
        }
    }
}
