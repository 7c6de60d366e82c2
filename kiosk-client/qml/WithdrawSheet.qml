// Withdraw a false alarm (误报撤回) within the server's withdraw window,
// with a reason; the report is kept and marked withdrawn, never deleted.
import QtQuick
import QtQuick.Controls
import Hall.Kiosk

Popup {
    id: root
    required property KioskController controller
    property string error: ""

    modal: true
    focus: true
    anchors.centerIn: Overlay.overlay
    width: 1000
    height: 600
    closePolicy: Popup.CloseOnEscape

    function openSheet() {
        reason.text = ""
        error = ""
        open()
    }
    function submit(text) {
        var problem = controller.withdrawCurrent(text)
        if (problem !== "") {
            error = problem
            return
        }
        close()
    }

    background: Rectangle { color: "#f5f7fa"; radius: 20 }

    Column {
        anchors.fill: parent
        anchors.margins: 36
        spacing: 22
        Text {
            text: qsTr("撤回误报（剩余 %1 秒）").arg(root.controller.withdrawSecondsLeft)
            font.pixelSize: 40
            font.bold: true
            color: "#0f2233"
        }
        Row {
            spacing: 20
            BigButton { width: 280; text: qsTr("误触"); onClicked: root.submit(qsTr("误触")) }
            BigButton { width: 280; text: qsTr("已现场解决"); onClicked: root.submit(qsTr("已现场解决")) }
        }
        Rectangle {
            width: parent.width
            height: 90
            radius: 10
            border.color: "#90a4ae"
            border.width: 2
            TextField {
                id: reason
                objectName: "reasonField"
                anchors.fill: parent
                anchors.margins: 6
                font.pixelSize: 28
                placeholderText: qsTr("其他原因")
                background: null
                onTextChanged: root.error = ""
            }
        }
        Text {
            objectName: "withdrawError"
            text: root.error
            visible: text !== ""
            color: "#c62828"
            font.pixelSize: 28
        }
        Row {
            spacing: 30
            BigButton {
                objectName: "withdrawConfirm"
                width: 360
                text: qsTr("确认撤回")
                baseColor: "#e65100"
                onClicked: root.submit(reason.text)
            }
            BigButton { width: 260; text: qsTr("取消"); baseColor: "#546e7a"; onClicked: root.close() }
        }
    }
}
