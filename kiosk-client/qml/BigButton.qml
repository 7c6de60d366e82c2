// A large touch button (at least 96 px high), with a pressed state.
import QtQuick

Rectangle {
    id: root
    property alias text: label.text
    property color baseColor: "#1e4d73"
    property color textColor: "white"
    property int fontSize: 30
    property bool enabledState: true
    signal clicked()

    implicitHeight: 96
    implicitWidth: Math.max(200, label.implicitWidth + 48)
    radius: 14
    color: !enabledState ? "#555" : (area.pressed ? Qt.darker(baseColor, 1.3) : baseColor)
    border.color: Qt.lighter(baseColor, 1.4)
    border.width: 2

    Text {
        id: label
        anchors.centerIn: parent
        width: parent.width - 24
        horizontalAlignment: Text.AlignHCenter
        wrapMode: Text.WordWrap
        color: root.textColor
        font.pixelSize: root.fontSize
        font.bold: true
    }
    MouseArea {
        id: area
        anchors.fill: parent
        enabled: root.enabledState
        onClicked: root.clicked()
    }
}
