import { join } from 'node:path'
import { app, BrowserWindow, dialog, ipcMain, Menu, session, shell } from 'electron'
import { createEngine, type Engine } from '../app'
import { createLogger, systemClock } from '../kernel'
import { StoreFileError } from '../store'
import { bindIpc } from './ipc-binding'
import { applicationMenuTemplate } from './menu'
import { hardenContents, hardenSession, isTrustedSender } from './security'
import { electronSqliteBinding } from './sqlite-binding'
import { mainWindowOptions } from './window-options'

// The Electron shell: window, menu and IPC binding around the engine, which knows nothing of Electron.
const logger = createLogger({ clock: systemClock })
const devServerUrl = process.env.ELECTRON_RENDERER_URL
const rendererIndex = join(__dirname, '..', 'renderer', 'index.html')
let engine: Engine | null = null

app.enableSandbox()
app.on('web-contents-created', (_event, contents) => hardenContents(contents, (url) => void shell.openExternal(url)))

function createMainWindow(): BrowserWindow {
  const win = new BrowserWindow(mainWindowOptions(join(__dirname, '..', 'preload', 'index.cjs')))
  win.once('ready-to-show', () => win.show())
  if (devServerUrl) void win.loadURL(devServerUrl)
  else void win.loadFile(rendererIndex)
  return win
}

async function start(): Promise<void> {
  await app.whenReady()
  hardenSession(session.defaultSession)
  try {
    engine = createEngine({
      dataDir: app.getPath('userData'),
      clock: systemClock,
      logger,
      sqliteBinding: electronSqliteBinding(process.resourcesPath, app.getAppPath(), app.isPackaged),
    })
  } catch (e) {
    const message = e instanceof StoreFileError ? e.message : `The engine could not start: ${e instanceof Error ? e.message : String(e)}`
    dialog.showErrorBox('Quorum cannot open its data', message)
    app.exit(1)
    return
  }
  bindIpc(ipcMain, engine, (url) => isTrustedSender(url, rendererIndex, devServerUrl), () =>
    BrowserWindow.getAllWindows().map((w) => w.webContents),
  )
  Menu.setApplicationMenu(Menu.buildFromTemplate(applicationMenuTemplate(process.platform, Boolean(devServerUrl))))
  createMainWindow()
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createMainWindow()
  })
}

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit()
})
app.on('will-quit', () => engine?.close())

void start()
