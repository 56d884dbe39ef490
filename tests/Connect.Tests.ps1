BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $script:emu = Start-TestEmulator
    $script:secretText = 'emulator-secret-key'
}

AfterAll {
    Stop-TestEnvironment
}

Describe 'Connect-Cdss sites, regions and endpoints' {
    It 'maps <Site>/<Region> to <Url>' -ForEach @(
        @{ Site = 'Public'; Region = 'KR'; Url = 'https://clouddatastreamingservice.apigw.ntruss.com/api/v1' }
        @{ Site = 'Public'; Region = 'SGN'; Url = 'https://clouddatastreamingservice.apigw.ntruss.com/api/sgn-v1' }
        @{ Site = 'Public'; Region = 'JPN'; Url = 'https://clouddatastreamingservice.apigw.ntruss.com/api/jpn-v1' }
        @{ Site = 'Gov'; Region = 'KR'; Url = 'https://clouddatastreamingservice.apigw.gov-ntruss.com/api/v1' }
        @{ Site = 'Gov'; Region = 'KRS'; Url = 'https://clouddatastreamingservice.apigw.gov-ntruss.com/api/krs-v1' }
        @{ Site = 'Fin'; Region = 'FKR'; Url = 'https://fin-clouddatastreamingservice.apigw.fin-ntruss.com/api/v1' }
    ) {
        $s = Connect-Cdss -Site $Site -Region $Region -Credential $emu.Credential -NotDefault
        $s.Endpoint | Should -Be $Url
        "$($s.Site)" | Should -Be $Site
        $s.Region | Should -Be $Region
    }

    It 'defaults to <Region> on <Site>' -ForEach @(
        @{ Site = 'Public'; Region = 'KR' }, @{ Site = 'Gov'; Region = 'KR' }, @{ Site = 'Fin'; Region = 'FKR' }
    ) {
        (Connect-Cdss -Site $Site -Credential $emu.Credential -NotDefault).Region | Should -Be $Region
    }

    It 'defaults to the Public site' {
        (Connect-Cdss -Credential $emu.Credential -NotDefault).Endpoint | Should -Be 'https://clouddatastreamingservice.apigw.ntruss.com/api/v1'
    }

    It 'rejects region <Region> on site <Site> with CdssInvalidRegion' -ForEach @(
        @{ Site = 'Fin'; Region = 'KR' }, @{ Site = 'Public'; Region = 'KRS' }, @{ Site = 'Gov'; Region = 'SGN' }, @{ Site = 'Public'; Region = 'FKR' }
    ) {
        { Connect-Cdss -Site $Site -Region $Region -Credential $emu.Credential -NotDefault } | Should -Throw -ErrorId 'CdssInvalidRegion*'
    }

    It 'accepts http only on loopback: <Endpoint>' -ForEach @(
        @{ Endpoint = 'http://127.0.0.1:5123/api/v1' }, @{ Endpoint = 'http://127.9.8.7/api/v1' },
        @{ Endpoint = 'http://localhost:5123/api/v1' }, @{ Endpoint = 'http://[::1]:5123/api/v1' },
        @{ Endpoint = 'https://cdss.example.com/api/v1' }
    ) {
        (Connect-Cdss -Endpoint $Endpoint -Credential $emu.Credential -NotDefault).Endpoint | Should -Be $Endpoint
    }

    It 'rejects plain http to <Endpoint> with CdssInsecureEndpoint' -ForEach @(
        @{ Endpoint = 'http://example.com/api/v1' }, @{ Endpoint = 'http://10.0.0.8:8080/api/v1' }, @{ Endpoint = 'http://128.0.0.1/api/v1' }
    ) {
        { Connect-Cdss -Endpoint $Endpoint -Credential $emu.Credential -NotDefault } | Should -Throw -ErrorId 'CdssInsecureEndpoint*'
    }

    It 'rejects a malformed endpoint <Endpoint> with CdssInvalidEndpoint' -ForEach @(
        @{ Endpoint = 'not a url' }, @{ Endpoint = 'ftp://127.0.0.1/api/v1' }, @{ Endpoint = 'https://h.example.com/api/v1?x=1' }
    ) {
        { Connect-Cdss -Endpoint $Endpoint -Credential $emu.Credential -NotDefault } | Should -Throw -ErrorId 'CdssInvalidEndpoint*'
    }
}

Describe 'Connect-Cdss credentials and settings' {
    It 'rejects an empty access key with CdssMissingCredential' {
        { Connect-Cdss -AccessKey '' -SecretKey (New-TestSecret 'x') -NotDefault } | Should -Throw -ErrorId 'CdssMissingCredential*'
    }

    It 'rejects an empty secret key with CdssMissingCredential' {
        { Connect-Cdss -AccessKey 'AKID' -SecretKey ([securestring]::new()) -NotDefault } | Should -Throw -ErrorId 'CdssMissingCredential*'
    }

    It 'rejects an access key with whitespace with CdssInvalidAccessKey' {
        { Connect-Cdss -AccessKey "AKID `n" -SecretKey (New-TestSecret 'x') -NotDefault } | Should -Throw -ErrorId 'CdssInvalidAccessKey*'
    }

    It 'rejects <Name> = <Value> with CdssInvalidSetting' -ForEach @(
        @{ Name = 'TimeoutSec'; Value = 0 }, @{ Name = 'TimeoutSec'; Value = 601 }, @{ Name = 'MaxRetries'; Value = -1 }, @{ Name = 'MaxRetries'; Value = 11 }
    ) {
        $params = @{ Credential = $emu.Credential; Endpoint = $emu.Endpoint; $Name = $Value }
        { Connect-Cdss @params } | Should -Throw -ErrorId 'CdssInvalidSetting*'
    }

    It 'keeps the previous default session when a connect fails' {
        $good = Connect-Cdss -Endpoint $emu.Endpoint -Credential $emu.Credential
        { Connect-Cdss -Endpoint $emu.Endpoint -Credential $emu.Credential -TimeoutSec 0 } | Should -Throw
        (Get-CdssSession).Endpoint | Should -Be $good.Endpoint
        (Test-CdssRollingRestart 3432149).CanRestart | Should -BeTrue
    }

    It 'writes a Cdss.Session with the transport settings' {
        $s = Connect-Cdss -Endpoint $emu.Endpoint -Credential $emu.Credential -TimeoutSec 12 -MaxRetries 5 -Proxy 'http://proxy.example:8080' -NotDefault
        $s.PSTypeNames[0] | Should -Be 'Cdss.Session'
        $s.AccessKey | Should -Be $emu.AccessKey
        $s.TimeoutSec | Should -Be 12
        $s.MaxRetries | Should -Be 5
        $s.Proxy | Should -Be 'http://proxy.example:8080/'
        $s.CredentialSource | Should -Be 'Credential'
    }

    It 'accepts -AccessKey and -SecretKey' {
        $s = Connect-Cdss -Endpoint $emu.Endpoint -AccessKey $emu.AccessKey -SecretKey (New-TestSecret $secretText) -NotDefault
        $s.CredentialSource | Should -Be 'Parameter'
        (Test-CdssRollingRestart 3432149 -Session $s).CanRestart | Should -BeTrue
    }
}

Describe 'Default session' {
    It 'makes the new session the default unless -NotDefault' {
        $first = Connect-Cdss -Endpoint $emu.Endpoint -Credential $emu.Credential
        $other = Connect-Cdss -Site Fin -Credential $emu.Credential -NotDefault
        (Get-CdssSession).Endpoint | Should -Be $first.Endpoint
        $other.Endpoint | Should -Not -Be $first.Endpoint
    }

    It 'leaves a replaced default session usable through the variable that holds it' {
        $old = Connect-Cdss -Endpoint $emu.Endpoint -Credential $emu.Credential
        $new = Connect-Cdss -Endpoint $emu.Endpoint -Credential $emu.Credential
        (Get-CdssSession) | Should -Be $new
        $old.IsConnected | Should -BeTrue
        (Test-CdssRollingRestart 3432149 -Session $old).CanRestart | Should -BeTrue
        Disconnect-Cdss -Session $old
    }

    It 'Disconnect-Cdss forgets the default and clears its secret' {
        $s = Connect-Cdss -Endpoint $emu.Endpoint -Credential $emu.Credential
        Disconnect-Cdss
        $s.IsConnected | Should -BeFalse
        $errs = $null
        $null = Get-CdssSession -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'CdssNoSession*'
        { Test-CdssRollingRestart 3432149 -ErrorAction Stop } | Should -Throw -ErrorId 'CdssNoSession*'
        { Test-CdssRollingRestart 3432149 -Session $s -ErrorAction Stop } | Should -Throw -ErrorId 'CdssNoSession*'
    }

    It 'Disconnect-Cdss -Session leaves the default alone' {
        $default = Connect-Cdss -Endpoint $emu.Endpoint -Credential $emu.Credential
        $extra = Connect-Cdss -Endpoint $emu.Endpoint -Credential $emu.Credential -NotDefault
        Disconnect-Cdss -Session $extra
        $extra.IsConnected | Should -BeFalse
        (Get-CdssSession).IsConnected | Should -BeTrue
        $default.IsConnected | Should -BeTrue
    }

    It 'is not visible from another runspace in the same process' {
        $null = Connect-Cdss -Endpoint $emu.Endpoint -Credential $emu.Credential
        $result = Invoke-InNewRunspace {
            param($ModulePath)
            Import-Module $ModulePath
            Get-CdssSession
        } @{ ModulePath = $ModulePath }
        $result.Output | Should -BeNullOrEmpty
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'CdssNoSession*'
        (Get-CdssSession).Endpoint | Should -Be $emu.Endpoint
    }
}

Describe 'The secret key never shows' {
    BeforeAll {
        $script:s = Connect-Cdss -Endpoint $emu.Endpoint -Credential $emu.Credential -NotDefault
    }

    It 'is not in <Name>' -ForEach @(
        @{ Name = 'Format-List *'; Render = { param($o) $o | Format-List * -Force | Out-String } }
        @{ Name = 'Format-Table and default view'; Render = { param($o) ($o | Format-Table * | Out-String) + ($o | Out-String) } }
        @{ Name = 'ConvertTo-Json -Depth 10'; Render = { param($o) $o | ConvertTo-Json -Depth 10 -WarningAction SilentlyContinue } }
        @{ Name = 'Export-Clixml'; Render = { param($o) $f = New-TemporaryFile; try { $o | Export-Clixml $f.FullName -Depth 10; Get-Content $f.FullName -Raw } finally { Remove-Item $f } } }
        @{ Name = 'ToString()'; Render = { param($o) $o.ToString() } }
        @{ Name = 'Get-Member'; Render = { param($o) $o | Get-Member -Force | Out-String -Width 400 } }
    ) {
        $text = & $Render $s
        $text | Should -Not -BeNullOrEmpty
        $text | Should -Not -Match ([regex]::Escape($secretText))
    }

    It 'is not in Connect-Cdss | Format-List * | Out-String' {
        $text = Connect-Cdss -Endpoint $emu.Endpoint -Credential $emu.Credential -NotDefault | Format-List * | Out-String
        $text | Should -Match 'EMULATOR0ACCESS0KEY1'
        $text | Should -Not -Match ([regex]::Escape($secretText))
    }
}
