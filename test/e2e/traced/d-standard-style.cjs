#!/usr/bin/env node
// Written in "standard" style: no semicolons, lines that start with ( or [ get a
// leading ;, one-line `if` bodies without braces, a shebang on top:
//   const req = http.get(url, { agent }, cb)
//   ;[req].forEach(...)   and   if (cached) http.get(...).on('error', h)   else ...
'use strict'

const http = require('node:http')

const agent = new http.Agent({ keepAlive: true })
const base = process.env.TARGET_URL
const seen = []

function fetchText (path, done) {
  const req = http.get(base + path, { agent }, (res) => {
    let raw = ''
    res.setEncoding('utf8')
    res.on('data', (chunk) => { raw += chunk })
    res.on('error', (err) => done(`aborted ${err.code}`))
    res.on('end', () => done(`${res.statusCode} ${JSON.parse(raw).path}`))
  })
  req.on('error', (err) => done(`error ${err.code}`))
  ;[path].forEach((p) => seen.push(p))
}

function fetchPlain (path, done) {
  const req = http.get(base + path, { agent }, (res) => {
    res.resume()
    res.on('error', (err) => done(`aborted ${err.code}`))
    res.on('end', () => done(`${res.statusCode} ${path}`))
  })
  req.on('error', (err) => done(`error ${err.code}`))
}

function fetchEither (path, fresh, done) {
  const onReply = (res) => {
    res.resume()
    res.on('error', (err) => done(`aborted ${err.code}`))
    res.on('end', () => done(`${res.statusCode} ${path}${fresh ? ' (fresh)' : ''}`))
  }
  if (fresh) http.get(base + path, { agent, headers: { 'cache-control': 'no-cache' } }, onReply).on('error', (err) => done(`error ${err.code}`))
  else http.get(base + path, { agent }, onReply).on('error', (err) => done(`error ${err.code}`))
}

const step = (fn, ...args) => new Promise((resolve) => fn(...args, resolve))

;(async () => {
  console.log(await step(fetchText, '/std/a'))
  console.log(await step(fetchPlain, '/std/b'))
  console.log(await step(fetchEither, '/std/c', true))
  console.log(await step(fetchEither, '/std/d', false))
  console.log(await step(fetchText, '/std/e'))
  console.log(await step(fetchPlain, '/std/f'))
  console.log(`seen ${seen.join(' ')}`)
  agent.destroy()
})()
