// Standard style (no semicolons, a space before a function's parentheses):
// one headers object shared by every call and changed right after each one,
//   http.get(url, { agent, headers }, cb); headers['x-seq'] = String(++seq)
// A retry must send the headers the first attempt sent.
'use strict'

const http = require('node:http')

const agent = new http.Agent({ keepAlive: true })
const base = process.env.TARGET_URL
const headers = { accept: 'application/json', 'x-seq': '1' }
let seq = 1

function get (path, callback) {
  const req = http.get(`${base}${path}`, { agent, headers }, (res) => {
    let body = ''
    res.setEncoding('utf8')
    res.on('data', (chunk) => { body += chunk })
    res.on('end', () => callback(null, res.statusCode, JSON.parse(body)))
  })
  req.on('error', (err) => callback(err))
  seq += 1
  headers['x-seq'] = String(seq)
}

function next (index) {
  if (index === 4) {
    agent.destroy()
    return
  }
  get(`/pages/${index}`, (err, status, echoed) => {
    if (err) console.log(`page ${index}: ${err.code}`)
    else console.log(`page ${index}: ${status} ${echoed.path}`)
    setImmediate(() => next(index + 1))
  })
}

next(0)
