/*
 * Script: script system calls on FullTcpSocket: Linux fd numbering, blocking, errno names
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef FULLTCP_SCRIPT_SYSCALLS_H
#define FULLTCP_SCRIPT_SYSCALLS_H

#include "fulltcp-script.h"

#include "ns3/fulltcp-socket.h"
#include "ns3/ipv4-address.h"

#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace ns3
{

class FullTcpL4Protocol;

/**
 * \ingroup fulltcp
 * \brief The system calls of a script, mapped onto the ns-3 Socket API of FullTcpSocket.
 *
 * File descriptors are numbered as Linux numbers them for packetdrill (the lowest free one
 * from 3). A call either returns at once or, on a blocking socket, when FullTcp's callbacks
 * say it can (connect, accept, read, write). Errors are POSIX errno names: ns-3's errno of
 * the failing call, translated, or the error a socket callback reported (ECONNREFUSED,
 * ECONNRESET, ETIMEDOUT), which SO_ERROR and the next read or write return once.
 */
class FullTcpScriptSyscalls
{
  public:
    /// What a call returned.
    struct Outcome
    {
        int64_t ret {0};       //!< return value
        std::string errnoName; //!< errno name when ret is -1
        std::string failure;   //!< non-empty: the call cannot be run or an argument differed
    };

    /// Receives the outcome of a call (at once, or later for a blocking call).
    using Done = std::function<void(const Outcome&)>;

    /**
     * \param tcp FullTcp on the node under test
     * \param local its address \param remote the script side's address
     * \param localPort the port bind() uses \param remotePort the port connect() uses
     */
    FullTcpScriptSyscalls(Ptr<FullTcpL4Protocol> tcp,
                          Ipv4Address local,
                          Ipv4Address remote,
                          uint16_t localPort,
                          uint16_t remotePort);

    /**
     * \brief Run a call.
     * \param call the call \param done gets the outcome, now or when a blocking call returns
     */
    void Start(const FullTcpScriptCall& call, Done done);

    /**
     * \brief Apply a backtick command: `sysctl [-q] [-w] net.ipv4.tcp_NAME=VALUE ...`.
     * \param command the command text
     * \param note out: what was done or why it was ignored
     * \return false when a sysctl of FullTcp's names has a value that cannot be applied
     */
    bool Command(const std::string& command, std::string& note);

    /// \return the value of a constant (SOCK_STREAM, O_NONBLOCK, ECONNREFUSED, ...) or -1
    static int64_t Constant(const std::string& name);

    /**
     * \param x an expression \param out its integer value
     * \return false when it is not an integer (`...`, a struct, an unknown name)
     */
    static bool Evaluate(const FullTcpScriptExpr& x, int64_t& out);

    /// \return a description of each blocking call that has not returned ("" if none)
    std::string Pending() const;

    /// Drop the sockets (end of the script).
    void Clear();

  private:
    /// The latest descriptor socket() or accept() returned (packetdrill's socket under test).
    int64_t m_underTest {-1};

    /// One descriptor.
    struct File
    {
        Ptr<FullTcpSocket> socket;        //!< the socket
        bool nonBlocking {false};         //!< O_NONBLOCK
        bool listening {false};           //!< listen() succeeded
        bool connecting {false};          //!< connect() under way
        bool connected {false};           //!< ConnectionSucceeded, or accepted
        bool refused {false};             //!< connect() failed, not disconnected
        bool eof {false};                 //!< Recv() returned end of stream
        std::string error;                //!< pending error (SO_ERROR)
        std::deque<Ptr<Socket>> accepted; //!< established children, not yet accepted
        bool inq {false};                 //!< TCP_INQ: recvmsg() reports TCP_CM_INQ
        bool noSpace {false};             //!< a send found no room (Linux SOCK_NOSPACE)
    };

    /// A call waiting on a blocking socket: tries again after each socket event.
    struct Waiter
    {
        std::string what;                      //!< the call, for messages
        std::function<bool(Outcome&)> attempt; //!< true when it returned (outcome set)
        Done done;                             //!< its continuation
    };

    /// \param s a socket \return the file that holds it (or null)
    File* FileOf(Ptr<Socket> s);
    /// \param c the call (socket, accept) \return the descriptor it returns
    int NewFd(const FullTcpScriptCall& c) const;
    /// \param fd a descriptor \return the file
    File* Lookup(int64_t fd);
    /// Wire the socket callbacks of a file to this object.
    void Watch(Ptr<FullTcpSocket> s);
    /**
     * \param f a file (null: closed meanwhile) \param o out: -1 with EBADF or the pending
     * error (which is cleared)
     * \return whether the call ends with that error
     */
    static bool EndsWithError(File* f, Outcome& o);
    /**
     * \brief The outcome of an ns-3 call that returns 0 or -1.
     * \param r what it returned \param f its file \param o out: 0, or -1 with the errno
     * \return true (the call returned)
     */
    static bool Returned(int r, const File& f, Outcome& o);
    /// Retry every waiting call (a socket event happened).
    void Wake();
    // Socket callbacks (ns-3 Callbacks of member functions, as ns-3 < 3.36 needs).
    void Connected(Ptr<Socket> s);                          //!< ConnectionSucceeded
    void ConnectFailed(Ptr<Socket> s);                      //!< ConnectionFailed
    void ErrorClose(Ptr<Socket> s);                         //!< ErrorClose
    void NewConnection(Ptr<Socket> s, const Address& from); //!< NewConnectionCreated
    void Event(Ptr<Socket> s);                              //!< NormalClose, Recv
    void SendSpace(Ptr<Socket> s, uint32_t space);          //!< Send
    /// \param e ns-3's errno \return the POSIX name
    static std::string ErrnoName(Socket::SocketErrno e);

    // The calls (c: the call, fd: its first argument, -1 for socket()); each returns false
    // when it must wait (blocking socket), else true with the outcome set.
    bool Socket_(const FullTcpScriptCall& c, int64_t fd, Outcome& o);    //!< socket()
    bool SetSockOpt(const FullTcpScriptCall& c, int64_t fd, Outcome& o); //!< setsockopt()
    bool GetSockOpt(const FullTcpScriptCall& c, int64_t fd, Outcome& o); //!< getsockopt()
    bool Fcntl(const FullTcpScriptCall& c, int64_t fd, Outcome& o);      //!< fcntl()
    bool Ioctl(const FullTcpScriptCall& c, int64_t fd, Outcome& o);      //!< ioctl()
    bool Bind(const FullTcpScriptCall& c, int64_t fd, Outcome& o);       //!< bind()
    bool Listen(const FullTcpScriptCall& c, int64_t fd, Outcome& o);     //!< listen()
    bool Accept(const FullTcpScriptCall& c, int64_t fd, Outcome& o);     //!< accept()
    bool Shutdown(const FullTcpScriptCall& c, int64_t fd, Outcome& o);   //!< shutdown()
    bool Close(const FullTcpScriptCall& c, int64_t fd, Outcome& o);      //!< close()
    /// connect(); first: the call itself, not a retry of a blocking one
    bool Connect(int64_t fd, bool first, Outcome& o);
    /// write(), send(); written: bytes taken so far by a blocking call
    bool Write(int64_t fd, uint32_t bytes, uint32_t& written, Outcome& o, uint32_t flags = 0);
    /// read(), recv(); oob: recv() with MSG_OOB
    bool Read(int64_t fd, uint32_t bytes, bool oob, Outcome& o);
    /**
     * \brief sendto(), sendmsg() and recvmsg() (fulltcp-script-msg.cc).
     * \param c the call \param fd its descriptor \param attempt out: what runs it
     * \param o out: the failure when its arguments are not supported
     * \return false when the call ends at once with o
     */
    bool MsgCall(const FullTcpScriptCall& c,
                 int64_t fd,
                 std::function<bool(Outcome&)>& attempt,
                 Outcome& o);
    /**
     * \brief A send of any kind (write, send, sendto, sendmsg), with Fast Open's SYN data
     * (fulltcp-script-msg.cc).
     * \param fd the descriptor \param bytes how many \param flags Linux MSG_* flags
     * \return the attempt, which keeps its progress across the retries of a blocking send
     */
    std::function<bool(Outcome&)> SendAttempt(int64_t fd, uint32_t bytes, int64_t flags);
    /**
     * \brief open() and sendfile() of the files FileCommand() made (fulltcp-script-files.cc).
     * \param c the call \param fd its descriptor (sendfile's socket) \param attempt out: what
     * runs it \param o out: the outcome when it ends at once
     * \return false when the call ends at once with o
     */
    bool FileCall(const FullTcpScriptCall& c,
                  int64_t fd,
                  std::function<bool(Outcome&)>& attempt,
                  Outcome& o);
    /**
     * \brief The shell commands that make and remove files (`dd if=/dev/zero of=PATH bs=B
     * count=C`, `rm -f PATH`), fulltcp-script-files.cc.
     * \param words the command's words \param note out: what was done
     * \return whether the command was one of them
     */
    bool FileCommand(const std::vector<std::string>& words, std::string& note);
    /**
     * \brief poll() (fulltcp-script-poll.cc): `poll([{fd=N, events=E, revents=R}, ...],
     * nfds, timeout)`, blocking until an fd is ready or the timeout (ms) passes.
     * \param c the call \param attempt out: what runs it
     * \param o out: the failure when its arguments are not supported
     * \return false when the call ends at once with o
     */
    bool PollCall(const FullTcpScriptCall& c, std::function<bool(Outcome&)>& attempt, Outcome& o);
    /// \param f a file \return its poll() and epoll() events now, as Linux tcp_poll()
    /// computes them (fulltcp-script-poll.cc)
    static uint32_t PollEvents(const File& f);
    /**
     * \brief A send or read with a NULL buffer (fulltcp-script-msg.cc).
     * \param c the call \param o out: -1 EFAULT \return whether c is one
     */
    static bool BadBuffer(const FullTcpScriptCall& c, Outcome& o);
    // Error queue, TCP_INQ and epoll (fulltcp-script-msg.cc, fulltcp-script-epoll.cc)
    /// setsockopt() of SO_ZEROCOPY, TCP_INQ or SO_TIMESTAMPING. \param f the file \param name
    /// the option \param v its value \param o the outcome \return whether name is one of them
    bool ErrorQueueOption(File& f, const std::string& name, int64_t v, Outcome& o);
    /// recvmsg(fd, msg, MSG_ERRQUEUE). \param fd the descriptor \param bytes the iovec room
    /// \param msg the expected msghdr \param o the outcome \return true
    bool RecvErrorQueue(int64_t fd, uint32_t bytes, const FullTcpScriptExpr& msg, Outcome& o);
    /// The epoll calls, and any call on an epoll descriptor. \param c the call \param done its
    /// continuation \return false when c is neither (the caller runs it)
    bool EpollCall(const FullTcpScriptCall& c, Done& done);
    struct Epoll; //!< an epoll instance (fulltcp-script-epoll.cc)
    /// epoll_ctl(). \param c the call \param ep its instance \param o the outcome
    void EpollCtl(const FullTcpScriptCall& c, Epoll& ep, Outcome& o);
    /// epoll_wait() (timeout 0). \param c the call \param ep its instance \param o the outcome
    void EpollWait(const FullTcpScriptCall& c, Epoll& ep, Outcome& o);
    /// Wake the epoll items of a socket (Linux ep_poll_callback()). \param s the socket
    /// \param key the events of the wakeup (0: any, a state change)
    void EpollWakeup(Ptr<Socket> s, uint32_t key);
    void Readable(Ptr<Socket> s);    //!< Recv callback: EPOLLIN wakeup (sock_def_readable())
    void ErrorReport(Ptr<Socket> s); //!< error queue callback: EPOLLERR (sk_error_report())
    std::map<int, std::shared_ptr<Epoll>> m_epolls; //!< epoll descriptors (also in m_files)

    /// \param c a call \param i an argument \param out its value \param o the outcome to
    /// fail \return whether argument i exists and is an integer
    static bool IntArg(const FullTcpScriptCall& c, size_t i, int64_t& out, Outcome& o);

    Ptr<FullTcpL4Protocol> m_tcp;           //!< FullTcp on the node under test
    Ipv4Address m_local;                    //!< its address
    Ipv4Address m_remote;                   //!< the script side's
    uint16_t m_localPort;                   //!< bind()
    uint16_t m_remotePort;                  //!< connect()
    std::map<int, File> m_files;            //!< open descriptors
    std::map<std::string, uint64_t> m_disk; //!< sizes of the files the commands made, by path
    std::map<int, uint64_t> m_regular;      //!< sizes of the regular files open, by descriptor
    /// Errors of children reset before accept() (a Fast Open child is handed over at its
    /// SYN): accept() gives them to the new descriptor (Linux keeps sk_err on the child).
    std::map<Ptr<Socket>, std::string> m_unacceptedErrors;
    std::deque<Waiter> m_waiters; //!< blocking calls not yet returned
};

} // namespace ns3

#endif /* FULLTCP_SCRIPT_SYSCALLS_H */
