// The first-run screen (终端登记) of a kiosk with no credential: the
// enrollment code an admin issued on the desk for this kiosk's place, typed
// here or scanned from the desk's QR code (a scanner types it), exchanged
// once for the device credential. Errors are the controller's, in words.
import QtQuick
import QtQuick.Controls
import Hall.Kiosk

Rectangle {
    id: root
    required property KioskController controller
    property QtObject language: null
    color: "#0f2233"

    BigButton {
        objectName: "enrollLanguageButton"
        anchors { top: parent.top; right: parent.right; margins: 30 }
        visible: root.language !== null
        implicitWidth: 140
        implicitHeight: 70
        fontSize: 26
        text: root.language && root.language.language === "en" ? "中文" : "English"
        onClicked: root.language.setLanguage(root.language.language === "en" ? "zh" : "en")
    }

    function submit() {
        var problem = root.controller.enroll(codeField.text)
        localError.text = problem
    }

    Column {
        anchors.centerIn: parent
        width: Math.min(parent.width - 80, 1200)
        spacing: 34

        Text {
            objectName: "enrollTitle"
            width: parent.width
            text: qsTr("终端登记")
            color: "white"
            font.pixelSize: 56
            font.bold: true
            horizontalAlignment: Text.AlignHCenter
        }
        Text {
            width: parent.width
            text: qsTr("本终端尚未登记。请输入管理员在值班台为本位置生成的 12 位登记码（或用扫码枪扫描二维码）。")
            color: "#b0c4de"
            font.pixelSize: 32
            wrapMode: Text.WordWrap
            horizontalAlignment: Text.AlignHCenter
        }
        TextField {
            id: codeField
            objectName: "enrollCode"
            width: parent.width
            height: 110
            font.pixelSize: 52
            font.family: "Noto Sans Mono CJK SC"
            horizontalAlignment: Text.AlignHCenter
            placeholderText: "XXXX-XXXX-XXXX"
            enabled: !root.controller.enrolling
            inputMethodHints: Qt.ImhUppercaseOnly | Qt.ImhNoPredictiveText
            onAccepted: root.submit()
            onTextChanged: localError.text = ""
        }
        BigButton {
            objectName: "enrollButton"
            width: parent.width
            height: 120
            fontSize: 40
            enabledState: !root.controller.enrolling
            text: root.controller.enrolling ? qsTr("正在登记…") : qsTr("登记本终端")
            baseColor: "#1e4d73"
            onClicked: root.submit()
        }
        Text {
            id: localError
            objectName: "enrollLocalError"
            width: parent.width
            visible: text !== ""
            color: "#ffab91"
            font.pixelSize: 30
            wrapMode: Text.WordWrap
            horizontalAlignment: Text.AlignHCenter
        }
        Text {
            objectName: "enrollError"
            width: parent.width
            visible: text !== "" && !localError.visible
            text: root.controller.enrollError
            color: "#ffab91"
            font.pixelSize: 30
            wrapMode: Text.WordWrap
            horizontalAlignment: Text.AlignHCenter
        }
        Text {
            width: parent.width
            text: qsTr("服务器：%1 · %2").arg(root.controller.currentAddress).arg(root.controller.connectionText)
            color: "#78909c"
            font.pixelSize: 24
            horizontalAlignment: Text.AlignHCenter
        }
    }
}
